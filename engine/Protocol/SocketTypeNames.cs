namespace Zinc.Protocol;

/// <summary>
/// Socket type names as ZMTP's Socket-Type property spells them, and which pairs may talk
/// (rfc 37 and the pattern rfcs 28-31, 41).
/// </summary>
internal static class SocketTypeNames
{
    public static string NameOf(SocketType type) => type switch
    {
        SocketType.Pair => "PAIR",
        SocketType.Pub => "PUB",
        SocketType.Sub => "SUB",
        SocketType.Req => "REQ",
        SocketType.Rep => "REP",
        SocketType.Dealer => "DEALER",
        SocketType.Router => "ROUTER",
        SocketType.Pull => "PULL",
        SocketType.Push => "PUSH",
        SocketType.XPub => "XPUB",
        SocketType.XSub => "XSUB",
        _ => type.ToString().ToUpperInvariant(),
    };

    public static bool TryParse(ReadOnlySpan<byte> name, out SocketType type)
    {
        foreach (SocketType candidate in Enum.GetValues<SocketType>())
        {
            string text = NameOf(candidate);
            if (text.Length != name.Length) continue;
            bool same = true;
            for (int i = 0; i < text.Length && same; i++) same = text[i] == name[i];
            if (!same) continue;
            type = candidate;
            return true;
        }
        type = default;
        return false;
    }

    /// <summary>True when a socket of type <paramref name="local"/> accepts a peer of type <paramref name="peer"/>.</summary>
    public static bool Compatible(SocketType local, SocketType peer) => local switch
    {
        SocketType.Pair => peer == SocketType.Pair,
        SocketType.Pub or SocketType.XPub => peer is SocketType.Sub or SocketType.XSub,
        SocketType.Sub or SocketType.XSub => peer is SocketType.Pub or SocketType.XPub,
        SocketType.Req => peer is SocketType.Rep or SocketType.Router,
        SocketType.Rep => peer is SocketType.Req or SocketType.Dealer,
        SocketType.Dealer => peer is SocketType.Rep or SocketType.Dealer or SocketType.Router,
        SocketType.Router => peer is SocketType.Req or SocketType.Dealer or SocketType.Router,
        SocketType.Pull => peer == SocketType.Push,
        SocketType.Push => peer == SocketType.Pull,
        _ => false,
    };

    /// <summary>Sockets that announce an Identity property in READY (libzmq does for these).</summary>
    public static bool SendsIdentity(SocketType type) =>
        type is SocketType.Req or SocketType.Dealer or SocketType.Router;
}
