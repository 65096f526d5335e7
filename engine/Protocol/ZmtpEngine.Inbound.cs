using Zinc.Reactor.Native;

namespace Zinc.Protocol;

// Wire to pipe: the greeting, the handshake frames, then messages. A multi-frame message is
// gathered here and written to the pipe only when whole, so a connection that drops mid-message
// never leaves half a message in front of the next connection's frames.
internal sealed partial class ZmtpEngine
{
    private Msg[] _partial = new Msg[4];
    private int _partialCount;
    private bool _inboundBlocked;
    // Bytes received while blocked on credit, decoded from _stashStart on when credit returns;
    // consumed bytes are skipped, never copied again.
    private byte[] _stash = Array.Empty<byte>();
    private int _stashStart;
    private int _stashLength;

    private void Process(ReadOnlySpan<byte> data)
    {
        if (_phase == Phase.Greeting)
        {
            Span<byte> reply = stackalloc byte[Greeting.V3Size];
            GreetingStatus status = _greeting.Feed(data, out int consumed, reply, out int replyLength);
            if (replyLength > 0) _encoder.TryAppendRaw(reply.Slice(0, replyLength));
            data = data.Slice(consumed);
            if (status == GreetingStatus.Error)
            {
                WritePending(); // the rest of our greeting: the peer then sees the mismatch too
                if (_phase == Phase.Closed) return;
                Fail(EngineEnd.HandshakeProtocol, _greeting.MechanismMismatch ? Security.ProtocolError.MechanismMismatch : LibC.EPROTO);
                return;
            }
            if (status == GreetingStatus.NeedMore)
            {
                WritePending();
                return;
            }
            OnGreetingDone();
            if (_phase == Phase.Closed) return;
            if (_greeting.Unversioned)
            {
                // The bytes taken as a signature were the start of the peer's identity frame.
                Span<byte> leftover = stackalloc byte[Greeting.SignatureSize];
                ReadOnlySpan<byte> taken = _greeting.Leftover;
                taken.CopyTo(leftover);
                int used = DecodeFrames(leftover.Slice(0, taken.Length));
                if (_phase == Phase.Closed) return;
                if (_inboundBlocked)
                {
                    Stash(leftover.Slice(used, taken.Length - used));
                    Stash(data);
                    return;
                }
            }
        }
        int decoded = DecodeFrames(data);
        if (_inboundBlocked) Stash(data.Slice(decoded));
    }

    /// <summary>Decodes and delivers frames; returns the bytes used (all of them unless blocked on credit or closed).</summary>
    private int DecodeFrames(ReadOnlySpan<byte> data)
    {
        int total = data.Length;
        while (true)
        {
            if (_phase == Phase.Active && _codec is not null)
            {
                data = data.Slice(DeliverSealedFrames(data));
                if (_phase == Phase.Closed) return total;
                if (_inboundBlocked) break;
            }
            else if (_phase == Phase.Active && _partialCount == 0)
            {
                data = data.Slice(DeliverSmallFrames(data));
            }
            DecodeStatus status = _decoder.Decode(data, out int consumed);
            data = data.Slice(consumed);
            if (status == DecodeStatus.NeedMore) break;
            if (status == DecodeStatus.Error)
            {
                EngineEnd end = _phase == Phase.Active ? EngineEnd.Disconnected : EngineEnd.HandshakeProtocol;
                int errno = _decoder.ErrorNumber == 90 ? 90 : LibC.EPROTO;
                if (_callerMode) DeferFailure(end, errno);
                else Fail(end, errno);
                return total;
            }
            _decoder.TakeFrame(out Msg frame);
            if (!OnFrame(ref frame))
            {
                if (_phase == Phase.Closed) return total;
                break; // blocked on credit: the caller keeps the rest
            }
            if (_phase == Phase.Closed) return total;
        }
        _pipe?.Flush();
        if (_phase == Phase.Active)
        {
            if (!_callerMode && _control.Count > 0) PumpOut(); // PONGs queued while decoding
        }
        else if (_encoder.HasPending) WritePending();
        return total - data.Length;
    }

    // The hot path for small single-frame messages: header and body go straight into the pipe's
    // ring slot (bodies over 32 bytes into this thread's slab, MsgSlab), no Msg in between.
    // Stops at anything else (and at no credit), which the full decoder then handles, blocking
    // included.
    private int DeliverSmallFrames(ReadOnlySpan<byte> data)
    {
        // A conflating ring keeps one whole message: the general path (OnPlainFrame) handles it.
        if (!_decoder.AtFrameStart || _version < ZmtpVersion.V2 || _pipe!.PeerClosed || _pipe.Out.Conflate) return 0;
        long max = _decoder.MaxMsgSize;
        Pipes.MsgRing ring = _pipe.Out;
        int at = 0;
        while (data.Length - at >= 2)
        {
            int size = data[at + 1];
            if (data[at] != 0 || data.Length - at - 2 < size || max >= 0 && size > max) break;
            ReadOnlySpan<byte> body = data.Slice(at + 2, size);
            if (size <= Pipes.RingSlot.InlineSize)
            {
                if (!ring.TryWriteSmall(body)) break;
            }
            else
            {
                // 17-32 bytes stay inline in a Msg (the full decoder); larger ones are carved.
                if (size <= Msg.MaxInlineSize || size > MsgSlab.MaxCarve || !ring.HasCredit) break;
                MsgBuffer slab = MsgSlab.Carve(size, out int offset);
                body.CopyTo(slab.Array.AsSpan(offset, size));
                ring.TryWriteCarved(slab, offset, size);
            }
            at += 2 + size;
        }
        return at;
    }

    // Returns false when the frame could not be delivered (no credit, or the connection ended).
    private bool OnFrame(ref Msg frame)
    {
        if (_phase == Phase.Handshake) return OnHandshakeFrame(ref frame);
        if (_codec is not null && !OpenSealed(ref frame)) return false;
        return OnPlainFrame(ref frame);
    }

    // A frame as the application sent it (after CURVE's box, if any): a command, or message data.
    private bool OnPlainFrame(ref Msg frame)
    {
        if ((frame.Flags & MsgFlags.Command) != 0) return _callerMode ? DeferCommand(ref frame) : OnCommand(ref frame);
        if (_pipe!.PeerClosed)
        {
            frame.Close(); // the socket is gone: nobody will read this
            return true;
        }
        if (_partialCount == 0 && !frame.HasMore)
        {
            if (_pipe.TryWrite(ref frame)) return true;
            _partial[0] = frame;
            _partialCount = 1;
            BlockInbound();
            return false;
        }
        if (_partialCount == _partial.Length) Array.Resize(ref _partial, _partial.Length * 2);
        _partial[_partialCount++] = frame;
        if (frame.HasMore) return true;
        if (WritePartial()) return true;
        BlockInbound();
        return false;
    }

    // CURVE: the frame is a MESSAGE box; replace it with the frame inside (flags and payload).
    private bool OpenSealed(ref Msg frame)
    {
        ReadOnlySpan<byte> body = frame.Data;
        int payload = Security.CurveCodec.PayloadSize(body.Length);
        Msg plain = default;
        int error = Security.ProtocolError.MalformedCommandMessage;
        if (payload >= 0)
        {
            plain.InitSize(payload + 1);
            error = _codec!.Open(body, plain.Data);
        }
        if (error != 0) error = Security.CurveCodec.NotSealedError(body, (frame.Flags & MsgFlags.Command) != 0, error);
        frame.Close();
        if (error != 0)
        {
            plain.Close();
            // libzmq reports a bad MESSAGE as a handshake protocol failure, whatever the phase.
            End(EngineEnd.HandshakeProtocol, error);
            return false;
        }
        MsgFlags flags = Security.CurveCodec.FlagsOf(plain.Data[0]);
        plain.DropFirstByte();
        plain.Flags = flags;
        frame = plain;
        return true;
    }

    // _partial holds either a whole message that found no credit, or the frames of one still
    // arriving (the last has MORE): only the first may be written.
    private bool PartialIsWhole => _partialCount > 0 && !_partial[_partialCount - 1].HasMore;

    private bool WritePartial()
    {
        if (!PartialIsWhole) return true;
        if (!_pipe!.TryWrite(ref _partial[0])) return false;
        for (int i = 1; i < _partialCount; i++) _pipe.TryWrite(ref _partial[i], continuation: true);
        _partialCount = 0;
        return true;
    }

    private bool OnCommand(ref Msg frame)
    {
        ReadOnlySpan<byte> body = frame.Data;
        ZmtpCommandKind kind = ZmtpCommand.KindOf(body);
        switch (kind)
        {
            case ZmtpCommandKind.Ping:
                OnPing(ZmtpCommand.DataOf(body));
                break;
            case ZmtpCommandKind.Pong:
                break;
            case ZmtpCommandKind.Subscribe:
            case ZmtpCommandKind.Cancel:
            {
                // A 3.1 subscription becomes the classic message form the publisher patterns read.
                ReadOnlySpan<byte> topic = ZmtpCommand.DataOf(body);
                Msg subscription = default;
                subscription.InitSize(topic.Length + 1);
                subscription.Data[0] = (byte)(kind == ZmtpCommandKind.Subscribe ? 1 : 0);
                topic.CopyTo(subscription.Data.Slice(1));
                frame.Close();
                if (_socketType is not (SocketType.Pub or SocketType.XPub))
                {
                    subscription.Close();
                    return true;
                }
                // Plain already: under CURVE the command was opened before it got here.
                return OnPlainFrame(ref subscription);
            }
            default:
                // ERROR, a second READY, or a name we do not know: the peer is not making sense.
                frame.Close();
                Fail(EngineEnd.Disconnected, LibC.EPROTO);
                return false;
        }
        frame.Close();
        return true;
    }

    private void BlockInbound()
    {
        if (_callerMode)
        {
            // The receiving thread is the pipe's reader: it frees the credit itself and retries
            // the held frames on its next pump.
            _pipe!.Flush();
            return;
        }
        _inboundBlocked = true;
        _loop.PauseReceiving(_registration!);
        _pipe!.Flush();
        // If the reader freed credit between our failed write and now, nobody will wake us.
        if (!_pipe.Out.PrepareWriterToPark()) Wake();
    }

    private void Stash(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        if (_stash.Length - _stashLength < data.Length && _stashStart > 0)
        {
            _stash.AsSpan(_stashStart, _stashLength - _stashStart).CopyTo(_stash);
            _stashLength -= _stashStart;
            _stashStart = 0;
        }
        if (_stash.Length - _stashLength < data.Length)
            Array.Resize(ref _stash, Math.Max(_stash.Length * 2, _stashLength + data.Length));
        data.CopyTo(_stash.AsSpan(_stashLength));
        _stashLength += data.Length;
    }

    private void RetryInbound()
    {
        if (!_pipe!.PeerClosed && !WritePartial())
        {
            if (!_pipe.Out.PrepareWriterToPark()) Wake();
            return;
        }
        if (_pipe.PeerClosed) ReleaseInbound();
        _pipe.Flush();
        _inboundBlocked = false;
        // Delivering what was held back is progress on the link, as a read is: the heartbeat
        // timeout and the peer's TTL must not drop a connection that is only waiting for
        // credit (libzmq resets both timers for every message it decodes).
        _receiveCount++;
        // Decode what arrived while blocked, in place; a second block leaves the rest where it is.
        _stashStart += DecodeFrames(_stash.AsSpan(_stashStart, _stashLength - _stashStart));
        if (_stashStart == _stashLength) _stashStart = _stashLength = 0;
        if (_phase == Phase.Closed || _inboundBlocked) return;
        if (_closedWhileBlocked != 0)
        {
            End(EngineEnd.Disconnected, _closedWhileBlocked);
            return;
        }
        _loop.ResumeReceiving(_registration!);
    }

    private void ReleaseInbound()
    {
        for (int i = 0; i < _partialCount; i++) _partial[i].Close();
        _partialCount = 0;
    }
}
