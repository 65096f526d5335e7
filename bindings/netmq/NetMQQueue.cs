using System.Collections;
using System.Collections.Concurrent;
using NetMQ.Sockets;

namespace NetMQ;

/// <summary>Arguments of <see cref="NetMQQueue{T}.ReceiveReady"/>.</summary>
public class NetMQQueueEventArgs<T> : EventArgs
{
    /// <summary>Arguments for <paramref name="queue"/>.</summary>
    public NetMQQueueEventArgs(NetMQQueue<T> queue) => Queue = queue;

    /// <summary>The queue with an item to dequeue.</summary>
    public NetMQQueue<T> Queue { get; }
}

/// <summary>
/// A thread-safe queue a <see cref="NetMQPoller"/> can poll: any thread enqueues, the poller's thread
/// gets <see cref="ReceiveReady"/>. Each item is signalled by a frame over an inproc PAIR.
/// </summary>
public sealed class NetMQQueue<T> : IDisposable, ISocketPollable, IEnumerable<T>
{
    private readonly ConcurrentQueue<T> _queue = new();
    private readonly PairSocket _reader, _writer;
    private readonly object _writeLock = new();
    private readonly NetMQQueueEventArgs<T> _args;
    private EventHandler<NetMQQueueEventArgs<T>>? _receiveReady;
    private int _disposed;

    /// <summary>
    /// A queue; a positive <paramref name="capacity"/> makes <see cref="Enqueue"/> block when about
    /// that many items wait (it is the signal pipe's send high water mark; zero means no limit).
    /// </summary>
    public NetMQQueue(int capacity = 0)
    {
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        PairSocket.CreateSocketPair(out _writer, out _reader,
            w => { w.Options.SendHighWatermark = capacity; w.Options.Linger = TimeSpan.Zero; },
            r => { r.Options.ReceiveHighWatermark = capacity == 0 ? 0 : 1; r.Options.Linger = TimeSpan.Zero; });
        _args = new NetMQQueueEventArgs<T>(this);
    }

    /// <summary>Raised on the poller's thread when an item can be dequeued.</summary>
    public event EventHandler<NetMQQueueEventArgs<T>> ReceiveReady
    {
        add
        {
            if (_receiveReady is null) _reader.ReceiveReady += OnReaderReady;
            _receiveReady += value;
        }
        remove
        {
            _receiveReady -= value;
            if (_receiveReady is null) _reader.ReceiveReady -= OnReaderReady;
        }
    }

    NetMQSocket ISocketPollable.Socket => _reader;

    /// <summary>True once disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Number of items waiting.</summary>
    public int Count => _queue.Count;

    /// <summary>True when no item waits.</summary>
    public bool IsEmpty => _queue.IsEmpty;

    /// <summary>Adds an item (any thread).</summary>
    public void Enqueue(T value)
    {
        _queue.Enqueue(value);
        lock (_writeLock) _writer.SendFrameEmpty();
    }

    /// <summary>Takes an item, waiting for one.</summary>
    public T Dequeue()
    {
        _reader.SkipFrame();
        _queue.TryDequeue(out T? value);
        return value!;
    }

    /// <summary>Takes an item if one comes within <paramref name="timeout"/>.</summary>
    public bool TryDequeue(out T result, TimeSpan timeout)
    {
        if (_reader.TrySkipFrame(timeout) && _queue.TryDequeue(out T? value))
        {
            result = value;
            return true;
        }
        result = default!;
        return false;
    }

    /// <summary>Enumerates the waiting items without taking them.</summary>
    public IEnumerator<T> GetEnumerator() => _queue.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Closes the queue's sockets.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        lock (_writeLock) _writer.Dispose();
        _reader.Dispose();
    }

    private void OnReaderReady(object? sender, NetMQSocketEventArgs e) => _receiveReady?.Invoke(this, _args);
}
