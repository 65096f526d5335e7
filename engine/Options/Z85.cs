namespace Zinc;

/// <summary>
/// Z85 encoding (ZeroMQ RFC 32): every 4 bytes, read as a big-endian 32-bit number, become 5 printable
/// characters in base 85. Input to encode must be a multiple of 4 bytes; input to decode a multiple of 5
/// characters.
/// </summary>
public static class Z85
{
    private const string Alphabet =
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    // Character code -> digit value, or 0xFF for characters outside the alphabet.
    private static readonly byte[] s_digits = BuildDigits();

    private static byte[] BuildDigits()
    {
        var digits = new byte[128];
        Array.Fill(digits, (byte)0xFF);
        for (int i = 0; i < Alphabet.Length; i++) digits[Alphabet[i]] = (byte)i;
        return digits;
    }

    /// <summary>Characters needed to encode <paramref name="byteCount"/> bytes (a multiple of 4).</summary>
    public static int EncodedLength(int byteCount) => byteCount / 4 * 5;

    /// <summary>Bytes produced by decoding <paramref name="charCount"/> characters (a multiple of 5).</summary>
    public static int DecodedLength(int charCount) => charCount / 5 * 4;

    /// <summary>
    /// Encodes <paramref name="data"/> as ASCII into <paramref name="destination"/>. False when the data
    /// length is not a multiple of 4 or the destination is too small.
    /// </summary>
    public static bool TryEncode(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (data.Length % 4 != 0 || destination.Length < EncodedLength(data.Length)) return false;
        int output = 0;
        for (int input = 0; input < data.Length; input += 4)
        {
            uint value = (uint)data[input] << 24 | (uint)data[input + 1] << 16
                | (uint)data[input + 2] << 8 | data[input + 3];
            for (int i = 4; i >= 0; i--)
            {
                destination[output + i] = (byte)Alphabet[(int)(value % 85)];
                value /= 85;
            }
            output += 5;
        }
        return true;
    }

    /// <summary>Encodes <paramref name="data"/> (a multiple of 4 bytes) as a Z85 string.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        if (data.Length % 4 != 0) throw new ArgumentException("Z85 encodes a multiple of 4 bytes.", nameof(data));
        Span<byte> ascii = data.Length <= 1024 ? stackalloc byte[EncodedLength(data.Length)] : new byte[EncodedLength(data.Length)];
        TryEncode(data, ascii);
        return System.Text.Encoding.ASCII.GetString(ascii);
    }

    /// <summary>
    /// Decodes the ASCII Z85 text <paramref name="text"/> into <paramref name="destination"/>. False when
    /// the length is not a multiple of 5, a character is outside the alphabet, a group overflows 32 bits,
    /// or the destination is too small.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        if (text.Length % 5 != 0 || destination.Length < DecodedLength(text.Length)) return false;
        int output = 0;
        for (int input = 0; input < text.Length; input += 5)
        {
            ulong value = 0;
            for (int i = 0; i < 5; i++)
            {
                byte c = text[input + i];
                if (c >= 128) return false;
                byte digit = s_digits[c];
                if (digit == 0xFF) return false;
                value = value * 85 + digit;
            }
            if (value > uint.MaxValue) return false;
            destination[output] = (byte)(value >> 24);
            destination[output + 1] = (byte)(value >> 16);
            destination[output + 2] = (byte)(value >> 8);
            destination[output + 3] = (byte)value;
            output += 4;
        }
        return true;
    }

    /// <summary>Decodes a Z85 string; null when it is not valid Z85.</summary>
    public static byte[]? Decode(string text)
    {
        if (text.Length % 5 != 0) return null;
        var ascii = new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] >= 128) return null;
            ascii[i] = (byte)text[i];
        }
        var result = new byte[DecodedLength(text.Length)];
        return TryDecode(ascii, result) ? result : null;
    }
}
