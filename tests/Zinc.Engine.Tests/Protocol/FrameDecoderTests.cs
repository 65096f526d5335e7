using Zinc.Protocol;

namespace Zinc.Tests.Protocol;

public class FrameDecoderTests
{
    private static List<(byte[] Body, MsgFlags Flags)> DecodeAll(FrameDecoder decoder, byte[] wire, int chunk)
    {
        var frames = new List<(byte[], MsgFlags)>();
        for (int at = 0; at < wire.Length; at += chunk)
        {
            ReadOnlySpan<byte> input = wire.AsSpan(at, Math.Min(chunk, wire.Length - at));
            while (true)
            {
                DecodeStatus status = decoder.Decode(input, out int consumed);
                input = input.Slice(consumed);
                Assert.NotEqual(DecodeStatus.Error, status);
                if (status == DecodeStatus.NeedMore) break;
                decoder.TakeFrame(out Msg frame);
                frames.Add((frame.ToArray(), frame.Flags));
                frame.Close();
            }
        }
        return frames;
    }

    private static byte[] V3Wire(byte[] big) =>
    [
        0x01, 0x03, (byte)'a', (byte)'b', (byte)'c',  // short, MORE
        0x00, 0x00,                                     // empty, last
        0x04, 0x05, 4, (byte)'P', (byte)'O', (byte)'N', (byte)'G', // command
        0x02, 0, 0, 0, 0, 0, 0, 0x01, 0x2C, .. big,    // long frame of 300 bytes
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void V3_frames_decode_whatever_the_chunking(int chunk)
    {
        byte[] big = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var frames = DecodeAll(new FrameDecoder(ZmtpVersion.V31, -1), V3Wire(big), chunk);
        Assert.Equal(4, frames.Count);
        Assert.Equal("abc"u8.ToArray(), frames[0].Body);
        Assert.Equal(MsgFlags.More, frames[0].Flags);
        Assert.Empty(frames[1].Body);
        Assert.Equal(MsgFlags.Command, frames[2].Flags);
        Assert.Equal(big, frames[3].Body);
    }

    [Fact]
    public void V1_frames_count_the_flags_byte_in_their_length()
    {
        byte[] wire = [0x04, 0x01, (byte)'a', (byte)'b', (byte)'c', 0x01, 0x00];
        var frames = DecodeAll(new FrameDecoder(ZmtpVersion.V1, -1), wire, 1);
        Assert.Equal(2, frames.Count);
        Assert.Equal(MsgFlags.More, frames[0].Flags);
        Assert.Empty(frames[1].Body);
    }

    [Fact]
    public void Frame_over_maxmsgsize_is_an_error_with_emsgsize()
    {
        var decoder = new FrameDecoder(ZmtpVersion.V31, 10);
        byte[] wire = [0x00, 11, .. new byte[11]];
        Assert.Equal(DecodeStatus.Error, decoder.Decode(wire, out _));
        Assert.Equal(90, decoder.ErrorNumber);
    }

    [Fact]
    public void Reserved_flag_bits_are_an_error()
    {
        var decoder = new FrameDecoder(ZmtpVersion.V31, -1);
        Assert.Equal(DecodeStatus.Error, decoder.Decode(new byte[] { 0x80, 0x00 }, out _));
        var v2 = new FrameDecoder(ZmtpVersion.V2, -1);
        Assert.Equal(DecodeStatus.Error, v2.Decode(new byte[] { 0x04, 0x00 }, out _)); // no commands in 2.0
    }

    [Fact]
    public void Encoder_output_decodes_back()
    {
        using var encoder = new FrameEncoder(4096);
        var decoder = new FrameDecoder(ZmtpVersion.V31, -1);
        byte[] big = new byte[FrameEncoder.LargeThreshold + 5];
        new Random(3).NextBytes(big);
        Msg a = Msg.Copy("x"u8);
        a.HasMore = true;
        Assert.True(encoder.TryEncode(ref a));
        Msg b = Msg.Copy(big);
        Assert.True(encoder.TryEncode(ref b));
        Assert.True(encoder.Blocked);
        // Write through a socketpair to exercise the staging buffer plus the large body (writev).
        int[] fds = SocketPair();
        try
        {
            Assert.Equal(0, encoder.WriteTo(fds[0]));
            byte[] wire = ReadExactly(fds[1], 2 + 1 + 9 + big.Length);
            var frames = DecodeAll(decoder, wire, 1000);
            Assert.Equal(2, frames.Count);
            Assert.Equal(big, frames[1].Body);
        }
        finally
        {
            Zinc.Reactor.Native.LibC.Close(fds[0]);
            Zinc.Reactor.Native.LibC.Close(fds[1]);
        }
    }

    private static unsafe int[] SocketPair()
    {
        int* fds = stackalloc int[2];
        Assert.Equal(0, socketpair(1, 1, 0, fds));
        return [fds[0], fds[1]];
    }

    private static unsafe byte[] ReadExactly(int fd, int count)
    {
        byte[] result = new byte[count];
        int at = 0;
        fixed (byte* p = result)
        {
            while (at < count)
            {
                nint n = Zinc.Reactor.Native.LibC.recv(fd, p + at, (nuint)(count - at), 0);
                Assert.True(n > 0);
                at += (int)n;
            }
        }
        return result;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern unsafe int socketpair(int domain, int type, int protocol, int* fds);
}
