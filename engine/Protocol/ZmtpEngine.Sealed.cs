using System.Buffers.Binary;

namespace Zinc.Protocol;

// CURVE's inbound hot path: whole MESSAGE frames are opened straight from the receive buffer into
// a stack buffer, and a small single-frame message goes from there into the pipe's ring slot. No
// ciphertext frame is built, so a small message costs no pooled buffer on the way in.
internal sealed partial class ZmtpEngine
{
    // Plaintexts up to this size (flags byte included) are opened on the stack; larger ones take
    // the general path (the decoder's frame, then OpenSealed).
    private const int SealedStackLimit = 1025;

    /// <summary>Opens and delivers whole sealed frames from <paramref name="data"/>; returns the bytes used.</summary>
    private int DeliverSealedFrames(ReadOnlySpan<byte> data)
    {
        if (!_decoder.AtFrameStart || _pipe!.PeerClosed) return 0;
        long max = _decoder.MaxMsgSize;
        Span<byte> plain = stackalloc byte[SealedStackLimit];
        int at = 0;
        while (data.Length - at >= 2)
        {
            byte flags = data[at];
            if ((flags & 0xF8) != 0) break; // reserved bits: the decoder reports the error
            int header = 2;
            long size = data[at + 1];
            if ((flags & 2) != 0)
            {
                if (data.Length - at < 9) break;
                header = 9;
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(data.Slice(at + 1));
            }
            if (size > data.Length - at - header || max >= 0 && size > max) break;
            int payload = Security.CurveCodec.PayloadSize((int)size);
            if (payload < 0 || payload + 1 > SealedStackLimit) break;
            Span<byte> opened = plain.Slice(0, payload + 1);
            ReadOnlySpan<byte> body = data.Slice(at + header, (int)size);
            int error = _codec!.Open(body, opened);
            at += header + (int)size;
            if (error != 0)
            {
                End(EngineEnd.HandshakeProtocol, Security.CurveCodec.NotSealedError(body, (flags & 4) != 0, error));
                return at;
            }
            MsgFlags inner = Security.CurveCodec.FlagsOf(opened[0]);
            ReadOnlySpan<byte> content = opened.Slice(1);
            if (inner == MsgFlags.None && _partialCount == 0 && content.Length <= Pipes.RingSlot.InlineSize &&
                _pipe.Out.TryWriteSmall(content))
                continue;
            Msg frame = Msg.Copy(content);
            frame.Flags = inner;
            if (!OnPlainFrame(ref frame)) return at; // blocked on credit (the frame is held) or closed
        }
        return at;
    }
}
