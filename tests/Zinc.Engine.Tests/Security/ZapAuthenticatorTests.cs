namespace Zinc.Tests.Security;

/// <summary>Address filtering, NULL and PLAIN decisions of <see cref="ZapAuthenticator"/>.</summary>
public class ZapAuthenticatorTests
{
    private static readonly Dictionary<string, string> Users = new() { ["admin"] = "secret", ["guest"] = "pass word=1" };

    [Fact]
    public void NullIsAllowedWithAnEmptyUserId()
    {
        using var zap = new ZapAuthenticatorHarness();
        ZapAnswer answer = zap.Null();
        Assert.Equal("1.0", answer.Version);
        Assert.Equal("200", answer.Status);
        Assert.Equal("OK", answer.Text);
        Assert.Equal("", answer.UserId);
        Assert.Empty(answer.Metadata);
    }

    [Fact]
    public void DeniedAddressFailsOthersPass()
    {
        using var zap = new ZapAuthenticatorHarness(a => a.Deny("10.0.0.1", "10.0.0.2"));
        Assert.Equal("400", zap.Null("10.0.0.1").Status);
        Assert.Equal("400", zap.Null("10.0.0.2").Status);
        Assert.Equal("200", zap.Null("10.0.0.3").Status);
    }

    [Fact]
    public void AllowListAdmitsOnlyItsAddressesAndOverridesDeny()
    {
        using var zap = new ZapAuthenticatorHarness(a =>
        {
            a.Allow("127.0.0.1");
            a.Deny("127.0.0.1", "10.0.0.9");
        });
        Assert.Equal("200", zap.Null("127.0.0.1").Status);
        ZapAnswer other = zap.Null("192.168.1.5");
        Assert.Equal("400", other.Status);
        Assert.Equal("", other.UserId);
        Assert.Equal("400", zap.Null("10.0.0.9").Status);
    }

    [Fact]
    public void AddressListsCanGrowWhileRunning()
    {
        using var zap = new ZapAuthenticatorHarness();
        Assert.Equal("200", zap.Null("10.1.1.1").Status);
        zap.Auth.Deny("10.1.1.1");
        Assert.Equal("400", zap.Null("10.1.1.1").Status);
    }

    [Fact]
    public void PlainRightPasswordPassesWithTheUserName()
    {
        using var zap = new ZapAuthenticatorHarness(a => a.ConfigurePlain("global", Users));
        ZapAnswer answer = zap.Plain("admin", "secret");
        Assert.Equal("200", answer.Status);
        Assert.Equal("admin", answer.UserId);
        Assert.Equal("200", zap.Plain("guest", "pass word=1").Status);
    }

    [Fact]
    public void PlainWrongPasswordOrUnknownUserFails()
    {
        using var zap = new ZapAuthenticatorHarness(a => a.ConfigurePlain("global", Users));
        ZapAnswer wrong = zap.Plain("admin", "Secret");
        Assert.Equal("400", wrong.Status);
        Assert.Equal("", wrong.UserId);
        Assert.Equal("400", zap.Plain("admin", "").Status);
        Assert.Equal("400", zap.Plain("mallory", "secret").Status);
    }

    [Fact]
    public void PlainLooksUpTheDomainThenTheWildcard()
    {
        using var zap = new ZapAuthenticatorHarness(a =>
        {
            a.ConfigurePlain("billing", new Dictionary<string, string> { ["ann"] = "a" });
            a.ConfigurePlain("*", new Dictionary<string, string> { ["bob"] = "b" });
        });
        Assert.Equal("200", zap.Plain("ann", "a", domain: "billing").Status);
        Assert.Equal("400", zap.Plain("bob", "b", domain: "billing").Status); // the domain's own list wins
        Assert.Equal("200", zap.Plain("bob", "b", domain: "anything").Status);
        Assert.Equal("200", zap.Plain("bob", "b", domain: "").Status);
        Assert.Equal("400", zap.Plain("ann", "a", domain: "anything").Status);
    }

    [Fact]
    public void PlainWithoutConfigurationFails()
    {
        using var zap = new ZapAuthenticatorHarness(a => a.ConfigurePlain("billing", Users));
        Assert.Equal("400", zap.Plain("admin", "secret", domain: "global").Status);
    }

    [Fact]
    public void PlainStillNeedsAPasswordFromAnAllowedAddress()
    {
        using var zap = new ZapAuthenticatorHarness(a =>
        {
            a.Allow("127.0.0.1");
            a.ConfigurePlain("*", Users);
        });
        Assert.Equal("400", zap.Plain("admin", "nope").Status);
        Assert.Equal("200", zap.Plain("admin", "secret").Status);
        Assert.Equal("400", zap.Plain("admin", "secret", address: "10.9.9.9").Status);
    }

    [Fact]
    public void PlainUsersComeFromAPasswordFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("passwords"), "# users\n\nadmin=secret\n  carol = has = sign\r\n");
        using var zap = new ZapAuthenticatorHarness(a => a.ConfigurePlainFile("*", dir.File("passwords")));
        Assert.Equal("200", zap.Plain("admin", "secret").Status);
        Assert.Equal("200", zap.Plain("carol", " has = sign").Status);
        Assert.Equal("400", zap.Plain("users", "").Status);
    }

    [Fact]
    public void BadPasswordFileIsRefusedWithItsLine()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("passwords"), "admin=secret\nno equals sign\n");
        using var context = new Context();
        using var auth = new ZapAuthenticator(context);
        var e = Assert.Throws<InvalidDataException>(() => auth.ConfigurePlainFile("*", dir.File("passwords")));
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void UnknownMechanismIsDenied()
    {
        using var zap = new ZapAuthenticatorHarness();
        ZapAnswer answer = zap.Ask("global", "127.0.0.1", "GSSAPI", ZapAuthenticatorHarness.B("token"));
        Assert.Equal("400", answer.Status);
    }

    [Fact]
    public void LogNamesDecisionsButNeverPasswords()
    {
        using var zap = new ZapAuthenticatorHarness(a => a.ConfigurePlain("*", Users));
        zap.Plain("admin", "secret");
        zap.Plain("admin", "hunter2");
        Assert.Contains(zap.Lines, l => l.Contains("200") && l.Contains("admin"));
        Assert.Contains(zap.Lines, l => l.Contains("400") && l.Contains("Wrong password"));
        Assert.DoesNotContain(zap.Lines, l => l.Contains("secret") || l.Contains("hunter2"));
    }
}
