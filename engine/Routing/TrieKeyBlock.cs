using System.Runtime.CompilerServices;

namespace Zinc.Routing;

// The child keys of a sparse trie node, stored inside the node itself: a lookup then reads
// the node's own cache lines instead of chasing a pointer to a separate key array. 32 bytes
// is one 256-bit compare, and as many keys as a sparse node holds (TrieChildTable.SparseLimit).
[InlineArray(ByteKeySearch.BlockLength)]
internal struct TrieKeyBlock
{
    private byte _first;
}
