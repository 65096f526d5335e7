namespace Zinc.Bench;

/// <summary>A libzmq call failed; <see cref="Errno"/> is zmq_errno() at that moment.</summary>
public sealed class LibZmqException : Exception
{
    /// <summary>Creates the exception for <paramref name="errno"/> from the call <paramref name="what"/>.</summary>
    public LibZmqException(string what, int errno)
        : base($"{what}: {LibZmq.StrError(errno)}")
    {
        Errno = errno;
    }

    /// <summary>The libzmq error number.</summary>
    public int Errno { get; }

    internal static LibZmqException Last(string what) => new(what, LibZmqNative.Errno());
}
