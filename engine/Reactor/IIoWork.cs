namespace Zinc.Reactor;

/// <summary>Work posted to a loop from any thread; runs once on the loop's thread.</summary>
internal interface IIoWork
{
    void RunOnLoop();
}

/// <summary>
/// A reader that parked on a pipe and wants one more look before its loop sleeps. The pipe's
/// writer reads the "reader parked" flag without a fence, so a wake-up can be missed by a
/// few nanoseconds; the loop's look after its spin phase closes that window.
/// </summary>
internal interface IParkRecheck
{
    void RecheckParked();
}
