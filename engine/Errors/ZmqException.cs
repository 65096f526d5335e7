namespace Zinc;

/// <summary>An operation failed; <see cref="Error"/> is the libzmq errno it corresponds to.</summary>
public sealed class ZmqException : Exception
{
    /// <summary>Creates an exception for <paramref name="error"/>, with an optional detail.</summary>
    public ZmqException(ZmqError error, string? detail = null)
        : base(detail is null ? $"{error}: {Describe(error)}" : $"{error}: {Describe(error)} ({detail})")
    {
        Error = error;
    }

    /// <summary>The errno name and value, as libzmq's zmq_errno() would report it.</summary>
    public ZmqError Error { get; }

    /// <summary>The text zmq_strerror gives for <paramref name="error"/>.</summary>
    public static string Describe(ZmqError error) => error switch
    {
        ZmqError.None => "Success",
        ZmqError.EAGAIN => "Resource temporarily unavailable",
        ZmqError.EINVAL => "Invalid argument",
        ZmqError.EFSM => "Operation cannot be accomplished in current state",
        ZmqError.ENOCOMPATPROTO => "The protocol is not compatible with the socket type",
        ZmqError.ETERM => "Context was terminated",
        ZmqError.EMTHREAD => "No thread available",
        ZmqError.ENOTSUP => "Operation not supported",
        ZmqError.EPROTONOSUPPORT => "Protocol not supported",
        ZmqError.EHOSTUNREACH => "Host unreachable",
        ZmqError.EADDRINUSE => "Address already in use",
        ZmqError.EADDRNOTAVAIL => "Cannot assign requested address",
        ZmqError.ECONNREFUSED => "Connection refused",
        ZmqError.ENOENT => "No such file or directory",
        ZmqError.EMFILE => "Too many open files",
        ZmqError.ENOTSOCK => "Socket operation on non-socket",
        ZmqError.EMSGSIZE => "Message too long",
        ZmqError.EINTR => "Interrupted system call",
        ZmqError.ENODEV => "No such device",
        ZmqError.EBUSY => "Device or resource busy",
        _ => error.ToString(),
    };

    internal static void ThrowIf(ZmqError error)
    {
        if (error != ZmqError.None) Throw(error);
    }

    internal static void Throw(ZmqError error, string? detail = null) => throw new ZmqException(error, detail);
}
