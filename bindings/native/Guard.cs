namespace Zinc.Native;

/// <summary>
/// An exception must never cross into C (it would abort the process): every export catches and
/// turns it into libzmq's -1 with errno.
/// </summary>
internal static class Guard
{
    public static ZmqError ToError(Exception exception) => exception switch
    {
        ZmqException zmq => zmq.Error,
        ObjectDisposedException => ZmqError.ENOTSOCK,
        OutOfMemoryException => ZmqError.ENOMEM,
        _ => ZmqError.EINVAL,
    };

    public static int Fail(Exception exception) => Errno.Fail(ToError(exception));

    public static nint FailNull(Exception exception) => Errno.FailNull(ToError(exception));
}
