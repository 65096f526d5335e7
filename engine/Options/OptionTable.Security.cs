namespace Zinc;

internal static partial class OptionTable
{
    /// <summary>The GSSAPI options: known (so getsockopt answers) but refused on set with ENOTSUP.</summary>
    public static bool IsGssapi(SocketOption option) => option is SocketOption.GssapiServer or SocketOption.GssapiPrincipal
        or SocketOption.GssapiServicePrincipal or SocketOption.GssapiPlaintext or SocketOption.GssapiPrincipalNameType
        or SocketOption.GssapiServicePrincipalNameType;

    /// <summary>Security mechanism selection (NULL, PLAIN, CURVE, GSSAPI) and ZAP.</summary>
    private static void RegisterSecurity()
    {
        // The mechanism follows from the other security options; it is read-only.
        Int(SocketOption.Mechanism, 0, min: 0, max: 3, access: OptionAccess.Get);

        // PLAIN (RFC 24). An empty user name or password resets the mechanism to NULL.
        Bool(SocketOption.PlainServer, false, BoolStrict);
        Text(SocketOption.PlainUsername, 0, 255, flags: OptionFlags.EmptyNeedsNull);
        Text(SocketOption.PlainPassword, 0, 255, flags: OptionFlags.EmptyNeedsNull);

        // CURVE (RFC 26).
        Bool(SocketOption.CurveServer, false, BoolStrict);
        Curve(SocketOption.CurvePublicKey);
        Curve(SocketOption.CurveSecretKey);
        Curve(SocketOption.CurveServerKey);

        // GSSAPI (RFC 38). Name types: 0 host based, 1 user name, 2 krb5 principal.
        Bool(SocketOption.GssapiServer, false, BoolStrict);
        Text(SocketOption.GssapiPrincipal, 1, 255);
        Text(SocketOption.GssapiServicePrincipal, 1, 255);
        Bool(SocketOption.GssapiPlaintext, false, BoolStrict);
        Int(SocketOption.GssapiPrincipalNameType, 0, min: 0, max: 2);
        Int(SocketOption.GssapiServicePrincipalNameType, 0, min: 0, max: 2);

        // ZAP (RFC 27).
        Text(SocketOption.ZapDomain, 0, 255);
        Bool(SocketOption.ZapEnforceDomain, false, BoolAny, flags: OptionFlags.Draft);
    }
}
