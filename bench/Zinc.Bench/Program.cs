using Zinc.Bench;

// bench/run's entry: "thr|lat <endpoint> <size> <count>" prints one line in the anchor's shape.
// tcp/ipc peers run in a child process (this executable again, with PeerEntry.Argument), as the
// anchor forks one; inproc peers are threads.
if (PeerEntry.IsPeer(args)) return PeerEntry.Run(args);

BenchSpec spec;
try
{
    spec = BenchArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message.StartsWith("usage", StringComparison.Ordinal) ? e.Message : $"{e.Message}\nusage: bench/run {BenchArguments.Usage}");
    return 2;
}

try
{
    BenchResult result = new ZincPeerBench(PeerPlacement.Process).Run(spec);
    // Network figures name the IO backend (ZINC_IO_BACKEND=epoll|io_uring picks it), so the two
    // can be compared side by side; inproc does not use the IO threads.
    string implementation = spec.Endpoint.StartsWith("inproc://", StringComparison.Ordinal)
        ? "zinc"
        : new Zinc.Context().ActiveIoBackend == Zinc.IoBackend.IoUring ? "zinc/io_uring" : "zinc/epoll";
    Console.WriteLine(result.ToLine(implementation));
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"zinc {spec.ModeName} {spec.Endpoint}: {e.Message}");
    return 1;
}
finally
{
    BenchEndpoints.Cleanup(spec.Endpoint);
}
