namespace Zinc.Security;

/// <summary>Picks the mechanism a socket's options ask for (ZMQ_MECHANISM and the *_SERVER role).</summary>
internal static class MechanismFactory
{
    public static Mechanism Create(MechanismSetup setup)
    {
        SocketOptions options = setup.Options;
        return options.Mechanism switch
        {
            SocketOptions.MechanismPlain => options.AsServer ? new PlainServer(setup) : new PlainClient(setup),
            SocketOptions.MechanismCurve => options.AsServer ? new CurveServer(setup) : new CurveClient(setup),
            _ => new NullMechanism(setup),
        };
    }
}
