using System.Runtime.InteropServices;
using static Zinc.Reactor.Uring.UringNative;

namespace Zinc.Reactor.Uring;

/// <summary>
/// Whether this process can run the io_uring loop, probed once: liburing.so.2 loads, a ring
/// can be set up (io_uring may be disabled by kernel.io_uring_disabled or a seccomp filter),
/// the kernel lists every opcode the loop uses, knows multishot recv (6.0, marked by SEND_ZC
/// in the probe) and registers provided-buffer rings.
/// </summary>
internal static unsafe class UringSupport
{
    private static readonly Lazy<string?> Reason = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool IsSupported => Reason.Value is null;

    /// <summary>Why io_uring cannot be used, or null when it can.</summary>
    public static string? UnsupportedReason => Reason.Value;

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "io_uring needs Linux";
        if (!NativeLibrary.TryLoad(Library, out _)) return $"{Library} could not be loaded (install liburing2)";
        try
        {
            return ProbeRing();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"{Library} lacks a needed function ({e.Message}); liburing 2.3 or later is required";
        }
    }

    private static string? ProbeRing()
    {
        int rc = UringRing.Create(8, 0, 0, out UringRing? ring);
        if (rc < 0) return $"io_uring_queue_init failed with errno {-rc} (io_uring disabled or not permitted?)";
        using (ring)
        {
            byte* probe = io_uring_get_probe_ring(ring!.Handle);
            if (probe is null) return "the kernel has no opcode probe (older than 5.6)";
            try
            {
                foreach ((byte op, string name) in new[]
                {
                    (OP_RECV, "RECV"), (OP_ACCEPT, "ACCEPT"), (OP_POLL_ADD, "POLL_ADD"),
                    (OP_ASYNC_CANCEL, "ASYNC_CANCEL"), (OP_SEND_ZC, "SEND_ZC (kernel 6.0+, needed for multishot recv)"),
                })
                {
                    if (!OpSupported(probe, op)) return $"the kernel does not support IORING_OP_{name}";
                }
            }
            finally
            {
                io_uring_free_probe(probe);
            }
            using var buffers = new ProvidedBufferRing(8, 64);
            rc = buffers.Register(ring);
            if (rc < 0) return $"registering a provided-buffer ring failed with errno {-rc} (kernel 5.19+ needed)";
            buffers.Unregister(ring);
        }
        return null;
    }
}
