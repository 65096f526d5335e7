namespace Zinc.Tests.Native;

/// <summary>
/// The C ABI tests run alone, after the parallel collections: the NativeAOT publish (on a fresh
/// checkout) and the gcc runs load both cores, which would otherwise starve the timing-bound
/// interop tests (libzmq heartbeats) running beside them.
/// </summary>
[CollectionDefinition("Native", DisableParallelization = true)]
public sealed class NativeCollection
{
}
