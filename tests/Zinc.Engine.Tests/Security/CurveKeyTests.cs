namespace Zinc.Tests.Security;

/// <summary>Curve key generation and derivation, checked against the test keys of the zmq_curve(7) manual.</summary>
public class CurveKeyTests
{
    // zmq_curve(7), "TEST KEY VALUES": the client's long-term key pair, hex and Z85.
    internal const string ClientPublicHex = "BB88471D65E2659B30C55A5321CEBB5AAB2B70A398645C26DCA2B2FCB43FC518";
    internal const string ClientPublicZ85 = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";
    internal const string ClientSecretHex = "7BB864B489AFA3671FBE69101F94B38972F24816DFB01B51656B3FEC8DFD0888";
    internal const string ClientSecretZ85 = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs";
    internal const string ServerPublicHex = "54FCBA24E93249969316FB617C872BB0C1D1FF14800427C594CBFACF1BC2D652";
    internal const string ServerPublicZ85 = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
    internal const string ServerSecretHex = "8E0BDD697628B91D8F245587EE95C5B04D48963F79259877B49CD9063AEAD3B7";
    internal const string ServerSecretZ85 = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6";

    [Theory]
    [InlineData(ClientPublicHex, ClientPublicZ85)]
    [InlineData(ClientSecretHex, ClientSecretZ85)]
    [InlineData(ServerPublicHex, ServerPublicZ85)]
    [InlineData(ServerSecretHex, ServerSecretZ85)]
    public void ManualTestKeysEncodeAndDecode(string hex, string z85)
    {
        byte[] key = Convert.FromHexString(hex);
        Assert.Equal(z85, Z85.Encode(key));
        Assert.Equal(key, Z85.Decode(z85));
    }

    [Theory]
    [InlineData(ClientSecretZ85, ClientPublicZ85)]
    [InlineData(ServerSecretZ85, ServerPublicZ85)]
    public void DerivesTheManualPublicKeys(string secretZ85, string publicZ85)
    {
        Assert.Equal(publicZ85, Curve.DerivePublicKey(secretZ85));
        Assert.Equal(Z85.Decode(publicZ85), Curve.DerivePublicKey(Z85.Decode(secretZ85)));
    }

    [Fact]
    public void GeneratedPairDerivesItsOwnPublicKey()
    {
        CurveKeyPair pair = Curve.GenerateKeyPair();
        Assert.Equal(32, pair.PublicKey.Length);
        Assert.Equal(32, pair.SecretKey.Length);
        Assert.Equal(pair.PublicKey, Curve.DerivePublicKey(pair.SecretKey));
        Assert.Equal(pair.PublicKeyZ85, Curve.DerivePublicKey(pair.SecretKeyZ85));
        Assert.Equal(40, pair.PublicKeyZ85.Length);
    }

    [Fact]
    public void GeneratedPairsDiffer()
    {
        CurveKeyPair a = Curve.GenerateKeyPair(), b = Curve.GenerateKeyPair();
        Assert.NotEqual(a.SecretKey, b.SecretKey);
        Assert.NotEqual(a.PublicKey, b.PublicKey);
    }

    [Fact]
    public void DeriveRejectsBadSecrets()
    {
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => Curve.DerivePublicKey(new byte[31])));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => Curve.DerivePublicKey("too short")));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => Curve.DerivePublicKey(new string('~', 40))));
    }
}
