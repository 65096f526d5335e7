namespace Zinc.Routing;

// One node of a path-compressed prefix tree. The byte that leads here is the key in the
// parent's child table; Segment holds the bytes after it that every prefix below this node
// shares, so a long unique topic costs one node, not one per byte.
internal sealed class TrieNode<TValue>
    where TValue : struct, ITrieValue
{
    // A field, not a property: callers mutate the struct in place through it.
    public TValue Value;

    public TrieChildTable<TrieNode<TValue>> Children;

    // The segment lives in _shortSegment when it fits, else in _longSegment.
    private byte[]? _longSegment;
    private TrieSegmentBlock _shortSegment;
    private int _segmentLength;

    public TrieNode(ReadOnlySpan<byte> segment)
    {
        SetSegment(segment);
    }

    public ReadOnlySpan<byte> Segment =>
        _longSegment is { } longSegment ? longSegment : ((ReadOnlySpan<byte>)_shortSegment).Slice(0, _segmentLength);

    // segment may be a slice of this node's own current segment (an edge being split).
    public void SetSegment(ReadOnlySpan<byte> segment)
    {
        if (segment.Length <= TrieSegmentBlock.Length)
        {
            // Overlapping copy is fine: span copies behave like memmove.
            segment.CopyTo(_shortSegment);
            _longSegment = null;
        }
        else
        {
            _longSegment = segment.ToArray();
        }

        _segmentLength = segment.Length;
    }

    // Takes ownership of a freshly built segment, keeping the array itself when it is too
    // long to store inline.
    public void SetSegment(byte[] segment)
    {
        if (segment.Length <= TrieSegmentBlock.Length)
        {
            SetSegment((ReadOnlySpan<byte>)segment);
            return;
        }

        _longSegment = segment;
        _segmentLength = segment.Length;
    }
}
