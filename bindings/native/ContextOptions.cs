using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Zinc.Native;

/// <summary>
/// Context options in libzmq's form, shared by zmq_ctx_set/get and the draft
/// zmq_ctx_set_ext/get_ext: a value of sizeof(int) bytes is an int, whatever the option; only
/// ZMQ_THREAD_NAME_PREFIX also takes other lengths (1 to 16 bytes of name). The checks are
/// libzmq 4.3.4's (flags take any non-negative int as true), applied before the engine's.
/// </summary>
internal static unsafe class ContextOptions
{
    private const int MaxPrefixBytes = 16; // what a thread name can hold

    public static ZmqError Set(Context context, int option, byte* value, nuint length)
    {
        bool isInt = length == sizeof(int);
        int number = isInt ? Unsafe.ReadUnaligned<int>(value) : 0;
        var known = (ContextOption)option;
        if (known == ContextOption.ThreadNamePrefix)
        {
            // An int is printed; so is a 4-byte name, as in libzmq.
            if (isInt) return Apply(() => context.SetOption(known, number.ToString(CultureInfo.InvariantCulture)));
            if (length is 0 or > MaxPrefixBytes) return ZmqError.EINVAL;
            string prefix = Encoding.UTF8.GetString(value, (int)length);
            return Apply(() => context.SetOption(known, prefix));
        }
        if (!isInt) return ZmqError.EINVAL;
        switch (known)
        {
            case ContextOption.Ipv6:
            case ContextOption.Blocky:
            case ContextOption.ZeroCopyRecv:
                if (number < 0) return ZmqError.EINVAL;
                number = number != 0 ? 1 : 0;
                break;
            case ContextOption.ThreadPriority:
            case ContextOption.ThreadSchedPolicy:
                if (number < 0) return ZmqError.EINVAL;
                break;
        }
        return Apply(() => context.SetOption(known, number));
    }

    /// <summary>libzmq's int form of every readable option (zmq_ctx_get).</summary>
    public static ZmqError Get(Context context, int option, out int value)
    {
        value = 0;
        try
        {
            switch ((ContextOption)option)
            {
                // The C zmq_msg_t is 64 bytes whatever the engine's Msg is.
                case ContextOption.MsgTSize:
                    value = NativeMsg.Size;
                    break;
                // libzmq reads the prefix back with atoi.
                case ContextOption.ThreadNamePrefix:
                    value = LeadingInt(context.ThreadNamePrefix);
                    break;
                default:
                    value = context.GetOption((ContextOption)option);
                    break;
            }
            return ZmqError.None;
        }
        catch (Exception e)
        {
            return Guard.ToError(e);
        }
    }

    /// <summary>
    /// zmq_ctx_get_ext: an int when <paramref name="length"/> is sizeof(int); else only the
    /// thread name prefix, copied without a terminator when it fits, the length left as it was
    /// (libzmq 4.3.4 does not write it back).
    /// </summary>
    public static ZmqError Get(Context context, int option, byte* value, nuint length)
    {
        if (length == sizeof(int))
        {
            ZmqError error = Get(context, option, out int number);
            if (error == ZmqError.None) Unsafe.WriteUnaligned(value, number);
            return error;
        }
        if ((ContextOption)option != ContextOption.ThreadNamePrefix) return ZmqError.EINVAL;
        byte[] prefix = Encoding.UTF8.GetBytes(context.ThreadNamePrefix);
        if (length < (nuint)prefix.Length) return ZmqError.EINVAL;
        prefix.CopyTo(new Span<byte>(value, prefix.Length));
        return ZmqError.None;
    }

    private static ZmqError Apply(Action set)
    {
        try
        {
            set();
            return ZmqError.None;
        }
        catch (Exception e)
        {
            return Guard.ToError(e);
        }
    }

    // atoi: optional leading white space and sign, then digits up to the first non-digit.
    private static int LeadingInt(string text)
    {
        int i = 0;
        while (i < text.Length && (text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r'))) i++;
        bool negative = i < text.Length && text[i] == '-';
        if (i < text.Length && (text[i] == '-' || text[i] == '+')) i++;
        long result = 0;
        for (; i < text.Length && char.IsAsciiDigit(text[i]) && result <= int.MaxValue; i++) result = result * 10 + (text[i] - '0');
        return unchecked((int)(negative ? -result : result));
    }
}
