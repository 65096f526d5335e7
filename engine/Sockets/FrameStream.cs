using System.Runtime.CompilerServices;

namespace Zinc;

/// <summary>
/// The frames of one socket as an asynchronous sequence (<see cref="Socket.ReceiveFramesAsync"/>).
/// Each step takes a queued frame at once when there is one and awaits only when the socket is
/// empty; frames are handed over, not leased, so the caller closes each one.
/// </summary>
public sealed class FrameStream : IAsyncEnumerable<Msg>
{
    private readonly Socket _socket;
    private readonly CancellationToken _cancellation;

    internal FrameStream(Socket socket, CancellationToken cancellation)
    {
        _socket = socket;
        _cancellation = cancellation;
    }

    /// <summary>Starts an enumeration; <paramref name="cancellationToken"/> joins the one given to ReceiveFramesAsync.</summary>
    public Enumerator GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        CancellationToken token = cancellationToken.CanBeCanceled && _cancellation.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(_cancellation, cancellationToken).Token
            : cancellationToken.CanBeCanceled ? cancellationToken : _cancellation;
        return new Enumerator(_socket, token);
    }

    IAsyncEnumerator<Msg> IAsyncEnumerable<Msg>.GetAsyncEnumerator(CancellationToken cancellationToken) =>
        GetAsyncEnumerator(cancellationToken);

    /// <summary>One enumeration of a socket's frames.</summary>
    public sealed class Enumerator : IAsyncEnumerator<Msg>
    {
        private readonly Socket _socket;
        private readonly CancellationToken _cancellation;
        private Msg _current;

        internal Enumerator(Socket socket, CancellationToken cancellation)
        {
            _socket = socket;
            _cancellation = cancellation;
        }

        /// <summary>The frame the last successful <see cref="MoveNextAsync"/> received; the caller owns it.</summary>
        public Msg Current => _current;

        /// <summary>Receives the next frame: true with it in <see cref="Current"/>, false once the socket or its context has ended.</summary>
        public ValueTask<bool> MoveNextAsync()
        {
            // The previous frame is the caller's now: start from an empty message, not from it.
            _current = default;
            if (_cancellation.IsCancellationRequested) return ValueTask.FromCanceled<bool>(_cancellation);
            if (_socket.TryReceiveFrame(ref _current)) return new ValueTask<bool>(true);
            return WaitThenReceiveAsync();
        }

        // Rare (the socket ran dry): a pooled builder, so the waits allocate nothing in steady state.
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<bool> WaitThenReceiveAsync()
        {
            while (true)
            {
                try
                {
                    await _socket.WaitToReceiveAsync(-1, _cancellation).ConfigureAwait(false);
                }
                catch (ZmqException e) when (e.Error is ZmqError.ENOTSOCK or ZmqError.ETERM)
                {
                    return false;
                }
                if (_socket.TryReceiveFrame(ref _current)) return true;
            }
        }

        /// <inheritdoc/>
        public ValueTask DisposeAsync()
        {
            _current = default;
            return ValueTask.CompletedTask;
        }
    }
}
