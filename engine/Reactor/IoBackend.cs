namespace Zinc;

/// <summary>Which kernel interface the IO threads use to wait for and perform socket IO.</summary>
public enum IoBackend
{
    /// <summary>
    /// io_uring when this machine supports it, epoll otherwise. The environment variable
    /// ZINC_IO_BACKEND overrides the choice: "epoll" forces epoll, "io_uring" asks for
    /// io_uring (and still falls back to epoll when it is unavailable).
    /// </summary>
    Auto,

    /// <summary>Readiness notification with epoll(7), then recv/accept from the IO thread.</summary>
    Epoll,

    /// <summary>
    /// Completion-based IO with io_uring(7) through liburing 2.3 or later (multishot recv into
    /// provided buffers, multishot accept). Needs Linux 6.0 or later and liburing.so.2.
    /// </summary>
    IoUring,
}
