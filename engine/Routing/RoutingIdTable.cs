using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Zinc.Pipes;

namespace Zinc.Routing;

/// <summary>
/// A ROUTER's map from routing id to pipe. Each pipe's id array is also kept in its
/// <see cref="Pipe.Tag"/>, so the id frame of a received message is copied from there.
/// Lookups by the id frame of an outgoing message take a span and allocate nothing.
/// </summary>
internal sealed class RoutingIdTable
{
    /// <summary>Length of a generated id: a zero byte (reserved, so it never clashes with a
    /// ZMQ_ROUTING_ID, which may not start with zero) and a 4-byte counter, as libzmq does.</summary>
    public const int GeneratedLength = 5;

    private readonly Dictionary<byte[], Pipe> _pipes = new(RoutingIdComparer.Instance);
    private readonly Dictionary<byte[], Pipe>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;

    // libzmq starts the counter at a random value so ids differ between runs and sockets.
    private uint _nextGenerated = (uint)Random.Shared.NextInt64(0, 1L << 32);

    public RoutingIdTable()
    {
        _bySpan = _pipes.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int Count => _pipes.Count;

    /// <summary>The pipes that currently own an id (struct enumerator: no allocation).</summary>
    public Dictionary<byte[], Pipe>.ValueCollection Pipes => _pipes.Values;

    public bool TryGet(ReadOnlySpan<byte> id, [MaybeNullWhen(false)] out Pipe pipe) => _bySpan.TryGetValue(id, out pipe);

    public bool Contains(ReadOnlySpan<byte> id) => _bySpan.ContainsKey(id);

    /// <summary>Gives <paramref name="pipe"/> the id <paramref name="id"/> (which must be free).</summary>
    public void Add(byte[] id, Pipe pipe)
    {
        _pipes.Add(id, pipe);
        pipe.Tag = id;
    }

    /// <summary>Forgets <paramref name="pipe"/>'s id if the pipe still owns it.</summary>
    public void Remove(Pipe pipe)
    {
        if (pipe.Tag is not byte[] id) return;
        pipe.Tag = null;
        if (_pipes.TryGetValue(id, out Pipe? owner) && owner == pipe) _pipes.Remove(id);
    }

    /// <summary>A fresh id no pipe uses: 0x00 then a big-endian counter.</summary>
    public byte[] Generate()
    {
        while (true)
        {
            var id = new byte[GeneratedLength];
            BinaryPrimitives.WriteUInt32BigEndian(id.AsSpan(1), _nextGenerated++);
            if (!_pipes.ContainsKey(id)) return id;
        }
    }
}
