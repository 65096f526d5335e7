using System.Diagnostics;

namespace Zinc.Tests.Security;

public class CurveCertificateTests
{
    private static readonly Dictionary<string, string> Meta = new() { ["name"] = "server one", ["email"] = "ops@example.com" };

    [Fact]
    public void SaveWritesPublicAndSecretFilesThatLoadBack()
    {
        using var dir = new TempDirectory();
        CurveCertificate cert = CurveCertificate.Generate(Meta);
        cert.Save(dir.File("server"));

        CurveCertificate pub = CurveCertificate.Load(dir.File("server"));
        Assert.False(pub.HasSecretKey);
        Assert.Null(pub.SecretKey);
        Assert.Equal(cert.PublicKey, pub.PublicKey);
        Assert.Equal(Meta, pub.Metadata);

        CurveCertificate secret = CurveCertificate.Load(dir.File("server_secret"));
        Assert.True(secret.HasSecretKey);
        Assert.Equal(cert.SecretKey, secret.SecretKey);
        Assert.Equal(cert.PublicKeyZ85, secret.PublicKeyZ85);
        Assert.Equal(Meta, secret.Metadata);

        Assert.DoesNotContain(cert.SecretKeyZ85!, File.ReadAllText(dir.File("server")));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("server_secret")));
    }

    [Fact]
    public void PublicOnlyCertificateWritesOneFile()
    {
        using var dir = new TempDirectory();
        var cert = new CurveCertificate(Z85.Decode(CurveKeyTests.ClientPublicZ85)!);
        cert.Save(dir.File("client"));
        Assert.False(File.Exists(dir.File("client_secret")));
        Assert.Throws<InvalidOperationException>(() => cert.SaveSecret(dir.File("x")));
        Assert.Equal(CurveKeyTests.ClientPublicZ85, CurveCertificate.Load(dir.File("client")).PublicKeyZ85);
    }

    [Fact]
    public void FromSecretKeyDerivesThePublicKey()
    {
        CurveCertificate cert = CurveCertificate.FromSecretKey(Z85.Decode(CurveKeyTests.ServerSecretZ85)!);
        Assert.Equal(CurveKeyTests.ServerPublicZ85, cert.PublicKeyZ85);
        Assert.Equal(CurveKeyTests.ServerSecretZ85, cert.SecretKeyZ85);
        Assert.False(cert.WithoutSecretKey().HasSecretKey);
    }

    [Fact]
    public void ParsesTheZcertLayout()
    {
        // The layout CZMQ's zcert writes: header comments, metadata, then the curve section.
        string text = $"""
            #   ****  Generated on 2024-01-01 00:00:00 by CZMQ  ****
            #   ZeroMQ CURVE **Secret** Certificate

            metadata
                name = "alice"
            curve
                public-key = "{CurveKeyTests.ClientPublicZ85}"
                secret-key = "{CurveKeyTests.ClientSecretZ85}"
            """;
        CurveCertificate cert = CurveCertificate.Parse(text);
        Assert.Equal(CurveKeyTests.ClientPublicZ85, cert.PublicKeyZ85);
        Assert.Equal(CurveKeyTests.ClientSecretZ85, cert.SecretKeyZ85);
        Assert.Equal("alice", cert.Metadata["name"]);
    }

    [Theory]
    [InlineData("metadata\ncurve\n")]                                  // no public key
    [InlineData("curve\n    public-key = \"tooshort\"\n")]             // not 40 characters
    [InlineData("curve\n    public-key = \"~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\"\n")] // not Z85
    public void RejectsTextThatIsNotACertificate(string text)
    {
        Assert.Throws<FormatException>(() => CurveCertificate.Parse(text));
    }

    [Fact]
    public void LoadNamesTheBadFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("junk"), "hello = world\n");
        var e = Assert.Throws<InvalidDataException>(() => CurveCertificate.Load(dir.File("junk")));
        Assert.Contains("junk", e.Message);
    }

    [Fact]
    public void RejectsBadKeysAndMetadata()
    {
        Assert.Throws<ArgumentException>(() => new CurveCertificate(new byte[31]));
        Assert.Throws<ArgumentException>(() => new CurveCertificate(new byte[32], new byte[16]));
        Assert.Throws<ArgumentException>(() => new CurveCertificate(new byte[32], null, new Dictionary<string, string> { ["bad name"] = "x" }));
        Assert.Throws<ArgumentException>(() => new CurveCertificate(new byte[32], null, new Dictionary<string, string> { ["n"] = "a\nb" }));
    }

    [Fact]
    public void PyzmqReadsOursAndWeReadPyzmqs()
    {
        using var dir = new TempDirectory();
        CurveCertificate ours = CurveCertificate.Generate(Meta);
        ours.Save(dir.File("ours.key"));
        string script = $$"""
            import zmq.auth
            pub, sec = zmq.auth.load_certificate('{{dir.File("ours.key_secret")}}')
            print(pub.decode(), sec.decode())
            pub, sec = zmq.auth.create_certificates('{{dir.Path}}', 'theirs')
            """;
        string output = RunPython(script);
        Assert.Equal($"{ours.PublicKeyZ85} {ours.SecretKeyZ85}", output.Trim());

        CurveCertificate theirs = CurveCertificate.Load(dir.File("theirs.key_secret"));
        Assert.Equal(theirs.PublicKey, Curve.DerivePublicKey(theirs.SecretKey!));
        Assert.Equal(theirs.PublicKeyZ85, CurveCertificate.Load(dir.File("theirs.key")).PublicKeyZ85);
    }

    private static string RunPython(string script)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) Assert.Fail($"this test needs {python} with the zmq module (Debian: apt-get install python3-zmq)");
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TestSupport.TimeoutMs * 4))
        {
            process.Kill();
            Assert.Fail("python3 did not finish in time");
        }
        Assert.True(process.ExitCode == 0, $"python3 failed: {stderr.Result}");
        return stdout.Result;
    }
}
