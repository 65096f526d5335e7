namespace Zinc;

/// <summary>
/// The error numbers libzmq reports through zmq_errno(), with the same values on Linux, so the
/// C ABI can hand them out unchanged.
/// </summary>
public enum ZmqError
{
    /// <summary>No error.</summary>
    None = 0,
    ENOENT = 2,
    EINTR = 4,
    EAGAIN = 11,
    ENOMEM = 12,
    EFAULT = 14,
    /// <summary>Another asynchronous operation in the same direction is still pending on the socket.</summary>
    EBUSY = 16,
    ENODEV = 19,
    EACCES = 13,
    EINVAL = 22,
    ENAMETOOLONG = 36,
    EMFILE = 24,
    ENOTSOCK = 88,
    EMSGSIZE = 90,
    EPROTONOSUPPORT = 93,
    ENOTSUP = 95,
    EAFNOSUPPORT = 97,
    EADDRINUSE = 98,
    EADDRNOTAVAIL = 99,
    ENETDOWN = 100,
    ENETUNREACH = 101,
    ENETRESET = 102,
    ECONNABORTED = 103,
    ECONNRESET = 104,
    ENOBUFS = 105,
    ENOTCONN = 107,
    ETIMEDOUT = 110,
    ECONNREFUSED = 111,
    EHOSTUNREACH = 113,
    EINPROGRESS = 115,
    /// <summary>The operation is not valid in the socket's current state (ZMQ_HAUSNUMERO + 51).</summary>
    EFSM = 156384763,
    /// <summary>The peer speaks an incompatible protocol (ZMQ_HAUSNUMERO + 52).</summary>
    ENOCOMPATPROTO = 156384764,
    /// <summary>The context was terminated (ZMQ_HAUSNUMERO + 53).</summary>
    ETERM = 156384765,
    /// <summary>No IO thread is available (ZMQ_HAUSNUMERO + 54).</summary>
    EMTHREAD = 156384766,
}
