using System.Runtime.CompilerServices;

namespace Zinc.Routing;

// Room inside a trie node for a short edge segment. Most segments are the short unique
// tails of topics (the leaves); keeping them in the node saves the cache miss of visiting
// a separate array at the end of nearly every match.
[InlineArray(Length)]
internal struct TrieSegmentBlock
{
    public const int Length = 16;

    private byte _first;
}
