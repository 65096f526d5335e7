namespace Zinc.Tests.Security;

/// <summary>CURVE decisions of <see cref="ZapAuthenticator"/>: keys, allow-any, certificate directories.</summary>
public class ZapAuthenticatorCurveTests
{
    private static readonly byte[] Client = Z85.Decode(CurveKeyTests.ClientPublicZ85)!;
    private static readonly byte[] Stranger = Z85.Decode(CurveKeyTests.ServerPublicZ85)!;

    [Fact]
    public void TrustedKeyPassesWithItsZ85AsUserId()
    {
        using var zap = new ZapAuthenticatorHarness(a => a.ConfigureCurve("global", CurveKeyTests.ClientPublicZ85));
        ZapAnswer answer = zap.Curve(Client);
        Assert.Equal("200", answer.Status);
        Assert.Equal(CurveKeyTests.ClientPublicZ85, answer.UserId);
    }

    [Fact]
    public void UnknownKeyFails()
    {
        using var zap = new ZapAuthenticatorHarness(a => a.ConfigureCurve("global", Client));
        Assert.Equal("200", zap.Curve(Client).Status);
        ZapAnswer answer = zap.Curve(Stranger);
        Assert.Equal("400", answer.Status);
        Assert.Equal("", answer.UserId);
    }

    [Fact]
    public void KeysAreLookedUpByDomainThenWildcard()
    {
        using var zap = new ZapAuthenticatorHarness(a =>
        {
            a.ConfigureCurve("inner", Client);
            a.ConfigureCurve("*", Stranger);
        });
        Assert.Equal("200", zap.Curve(Client, domain: "inner").Status);
        Assert.Equal("400", zap.Curve(Stranger, domain: "inner").Status);
        Assert.Equal("200", zap.Curve(Stranger, domain: "outer").Status);
        Assert.Equal("400", zap.Curve(Client, domain: "outer").Status);
    }

    [Fact]
    public void WithoutConfigurationCurveFails()
    {
        using var zap = new ZapAuthenticatorHarness();
        Assert.Equal("400", zap.Curve(Client).Status);
    }

    [Fact]
    public void AllowAnyAcceptsEveryKey()
    {
        using var zap = new ZapAuthenticatorHarness(a => a.ConfigureCurveAllowAny("*"));
        Assert.Equal(CurveKeyTests.ClientPublicZ85, zap.Curve(Client).UserId);
        Assert.Equal("200", zap.Curve(Stranger, domain: "other").Status);
    }

    [Fact]
    public void AllowAnyStillHonoursTheDenyList()
    {
        using var zap = new ZapAuthenticatorHarness(a =>
        {
            a.ConfigureCurveAllowAny("*");
            a.Deny("10.0.0.66");
        });
        Assert.Equal("400", zap.Curve(Client, address: "10.0.0.66").Status);
    }

    [Fact]
    public void BadKeysAreRefusedAtConfiguration()
    {
        using var context = new Context();
        using var auth = new ZapAuthenticator(context);
        Assert.Throws<ArgumentException>(() => auth.ConfigureCurve("*", "not a key"));
        Assert.Throws<ArgumentException>(() => auth.ConfigureCurve("*", new string('~', 40)));
        Assert.Throws<ArgumentException>(() => auth.ConfigureCurve("*", new byte[31]));
    }

    [Fact]
    public void CertificateDirectoryIsTrustedAndReloaded()
    {
        using var dir = new TempDirectory();
        CurveCertificate alice = CurveCertificate.Generate(new Dictionary<string, string> { ["name"] = "alice" });
        CurveCertificate bob = CurveCertificate.Generate();
        CurveCertificate carol = CurveCertificate.Generate();
        alice.Save(dir.File("alice"));          // also alice_secret, which is skipped
        bob.WithoutSecretKey().Save(dir.File("bob.key"));
        File.WriteAllText(dir.File("README"), "not a certificate\n");

        using var zap = new ZapAuthenticatorHarness(a => a.ConfigureCurveCertificates("*", dir.Path));
        Assert.Equal(alice.PublicKeyZ85, zap.Curve(alice.PublicKey).UserId);
        Assert.Equal("200", zap.Curve(bob.PublicKey).Status);
        Assert.Equal("400", zap.Curve(carol.PublicKey).Status);
        Assert.Contains(zap.Lines, l => l.Contains("README"));

        // New and removed certificates count only after a reload.
        carol.Save(dir.File("carol"));
        File.Delete(dir.File("bob.key"));
        Assert.Equal("400", zap.Curve(carol.PublicKey).Status);
        zap.Auth.ReloadCertificates();
        Assert.Equal("200", zap.Curve(carol.PublicKey).Status);
        Assert.Equal("400", zap.Curve(bob.PublicKey).Status);
        Assert.Equal("200", zap.Curve(alice.PublicKey).Status);
    }

    [Fact]
    public void ReconfiguringADomainReplacesItsDirectory()
    {
        using var dir = new TempDirectory();
        CurveCertificate alice = CurveCertificate.Generate();
        alice.Save(dir.File("alice"));
        using var zap = new ZapAuthenticatorHarness(a => a.ConfigureCurveCertificates("*", dir.Path));
        zap.Auth.ConfigureCurve("*", Client);
        zap.Auth.ReloadCertificates();
        Assert.Equal("400", zap.Curve(alice.PublicKey).Status);
        Assert.Equal("200", zap.Curve(Client).Status);
    }

    [Fact]
    public void MissingCertificateDirectoryIsAnError()
    {
        using var context = new Context();
        using var auth = new ZapAuthenticator(context);
        Assert.Throws<DirectoryNotFoundException>(() =>
            auth.ConfigureCurveCertificates("*", Path.Combine(Path.GetTempPath(), $"zinc-missing-{Guid.NewGuid():N}")));
    }
}
