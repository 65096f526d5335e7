using System.Runtime.InteropServices;
using System.Text;

namespace Zinc.Bench;

/// <summary>Checked helpers over <see cref="LibZmqNative"/>: errors become <see cref="LibZmqException"/>.</summary>
public static unsafe class LibZmq
{
    /// <summary>libzmq's ETERM (ZMQ_HAUSNUMERO + 53).</summary>
    public const int ETERM = 156384765;

    internal const int Pull = 7;
    internal const int Push = 8;
    internal const int Req = 3;
    internal const int Rep = 4;

    // zmq.h's ZMQ_CURVE_SERVER, ZMQ_CURVE_PUBLICKEY, ZMQ_CURVE_SECRETKEY, ZMQ_CURVE_SERVERKEY.
    internal const int CurveServer = 47;
    internal const int CurvePublicKey = 48;
    internal const int CurveSecretKey = 49;
    internal const int CurveServerKey = 50;

    /// <summary>The system libzmq's version ("4.3.4"), or null when libzmq.so.5 cannot be loaded.</summary>
    public static string? TryGetVersion()
    {
        try
        {
            int major, minor, patch;
            LibZmqNative.Version(&major, &minor, &patch);
            return $"{major}.{minor}.{patch}";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    internal static nint NewContext()
    {
        nint context = LibZmqNative.CtxNew();
        if (context == 0) throw LibZmqException.Last("zmq_ctx_new");
        return context;
    }

    internal static nint NewSocket(nint context, int type)
    {
        nint socket = LibZmqNative.Socket(context, type);
        if (socket == 0) throw LibZmqException.Last("zmq_socket");
        return socket;
    }

    internal static void Bind(nint socket, string endpoint)
    {
        fixed (byte* text = Utf8z(endpoint)) Check(LibZmqNative.Bind(socket, text), "zmq_bind");
    }

    internal static void Connect(nint socket, string endpoint)
    {
        fixed (byte* text = Utf8z(endpoint)) Check(LibZmqNative.Connect(socket, text), "zmq_connect");
    }

    internal static void SetOption(nint socket, int option, int value) =>
        Check(LibZmqNative.SetSockOpt(socket, option, &value, sizeof(int)), "zmq_setsockopt");

    /// <summary>Sets a text option (a Z85 key: its 40 characters, without the NUL).</summary>
    internal static void SetOption(nint socket, int option, string value)
    {
        byte[] text = Encoding.ASCII.GetBytes(value);
        fixed (byte* bytes = text) Check(LibZmqNative.SetSockOpt(socket, option, bytes, (nuint)text.Length), "zmq_setsockopt");
    }

    internal static int Check(int rc, string what) => rc < 0 ? throw LibZmqException.Last(what) : rc;

    internal static string StrError(int errno) => Marshal.PtrToStringUTF8((nint)LibZmqNative.StrError(errno)) ?? $"errno {errno}";

    private static byte[] Utf8z(string text) => Encoding.UTF8.GetBytes(text + "\0");
}
