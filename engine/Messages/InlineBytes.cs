using System.Runtime.CompilerServices;

namespace Zinc;

/// <summary>The bytes a small message keeps inside its <see cref="Msg"/>, so it needs no buffer.</summary>
[InlineArray(Msg.MaxInlineSize)]
internal struct InlineBytes
{
    private byte _first;
}
