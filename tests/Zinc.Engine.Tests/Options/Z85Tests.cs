using System.Text;

namespace Zinc.Tests.Options;

public class Z85Tests
{
    private static readonly byte[] HelloWorldBytes = { 0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B };

    [Fact]
    public void Rfc32TestVectorEncodes()
    {
        Assert.Equal("HelloWorld", Z85.Encode(HelloWorldBytes));
    }

    [Fact]
    public void Rfc32TestVectorDecodes()
    {
        Assert.Equal(HelloWorldBytes, Z85.Decode("HelloWorld"));
    }

    [Fact]
    public void RoundTripsAllByteValues()
    {
        var data = new byte[256];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)i;
        string text = Z85.Encode(data);
        Assert.Equal(320, text.Length);
        Assert.Equal(data, Z85.Decode(text));
    }

    [Fact]
    public void ExtremesEncode()
    {
        Assert.Equal("00000", Z85.Encode(new byte[4]));
        // 0xFFFFFFFF = 4294967295 = 82 * 85^4 + ... : highest valid group is "%nSc0".
        Assert.Equal("%nSc0", Z85.Encode(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }));
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, Z85.Decode("%nSc0"));
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Null(Z85.Decode("Hello"[..4]));          // not a multiple of 5
        Assert.Null(Z85.Decode("Hell\""));              // '"' is not in the alphabet
        Assert.Null(Z85.Decode("Hell~"));               // '~' is not in the alphabet
        Assert.Null(Z85.Decode("#####"));               // overflows 32 bits
        Assert.Throws<ArgumentException>(() => Z85.Encode(new byte[3]));
        Assert.False(Z85.TryEncode(new byte[4], new byte[4]));
        Assert.False(Z85.TryDecode(Encoding.ASCII.GetBytes("HelloWorld"), new byte[7]));
    }

    [Fact]
    public void EmptyInputIsEmptyOutput()
    {
        Assert.Equal(string.Empty, Z85.Encode(ReadOnlySpan<byte>.Empty));
        Assert.Equal(Array.Empty<byte>(), Z85.Decode(string.Empty));
    }
}
