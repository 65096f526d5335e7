using Zinc.Reactor.Uring;

namespace Zinc.Reactor;

/// <summary>Builds the IO loop for an <see cref="IoBackend"/> choice and says which one is in use.</summary>
internal static class IoLoopFactory
{
    public const string EnvironmentVariable = "ZINC_IO_BACKEND";

    /// <summary>
    /// A loop for <paramref name="preferred"/>. Auto picks io_uring when supported (see
    /// <see cref="Resolve"/>) and falls back to epoll if the ring cannot be set up after all
    /// (locked-memory limits...). An explicit <see cref="IoBackend.IoUring"/> that cannot be
    /// honoured throws, so a benchmark or test never measures epoll believing it is io_uring.
    /// </summary>
    public static IoLoop Create(string name, IoBackend preferred)
    {
        IoBackend backend = Resolve(preferred);
        if (backend == IoBackend.Epoll) return new EpollLoop(name);
        if (preferred == IoBackend.IoUring) return new UringLoop(name);
        try
        {
            return new UringLoop(name);
        }
        catch (Exception e) when (e is ZmqException or NotSupportedException)
        {
            return new EpollLoop(name);
        }
    }

    /// <summary>The backend <paramref name="preferred"/> turns into on this machine, with ZINC_IO_BACKEND applied.</summary>
    public static IoBackend Resolve(IoBackend preferred)
    {
        switch (preferred)
        {
            case IoBackend.Epoll:
                return IoBackend.Epoll;
            case IoBackend.IoUring:
                if (!UringLoop.IsSupported) throw new NotSupportedException($"io_uring unavailable: {UringLoop.UnsupportedReason}");
                return IoBackend.IoUring;
            default:
                if (string.Equals(EnvironmentSetting(), "epoll", StringComparison.OrdinalIgnoreCase)) return IoBackend.Epoll;
                return UringLoop.IsSupported ? IoBackend.IoUring : IoBackend.Epoll;
        }
    }

    /// <summary>One line for the bench tools: the backend that <paramref name="preferred"/> gives here, and why.</summary>
    public static string Describe(IoBackend preferred)
    {
        string? env = EnvironmentSetting();
        string envNote = preferred == IoBackend.Auto && !string.IsNullOrEmpty(env) ? $", {EnvironmentVariable}={env}" : "";
        if (preferred == IoBackend.Epoll) return "epoll (requested)";
        if (!UringLoop.IsSupported)
        {
            return preferred == IoBackend.IoUring
                ? $"io_uring requested but unavailable: {UringLoop.UnsupportedReason}"
                : $"epoll (io_uring unavailable: {UringLoop.UnsupportedReason}{envNote})";
        }
        if (Resolve(preferred) == IoBackend.Epoll) return $"epoll (auto{envNote})";
        uint flags = UringLoop.LastSetupFlags;
        string setup = flags == 0 ? "no ring created yet" : $"setup {UringLoop.DescribeSetup(flags)}";
        return $"io_uring ({(preferred == IoBackend.Auto ? "auto" : "requested")}{envNote}; {setup})";
    }

    private static string? EnvironmentSetting() => Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim();
}
