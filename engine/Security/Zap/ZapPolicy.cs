using System.Security.Cryptography;
using System.Text;

namespace Zinc.Security.Zap;

/// <summary>
/// The built-in decisions of <see cref="ZapAuthenticator"/>, in zauth's order: the address
/// lists first (an allow list, when there is one, admits only its addresses; otherwise the deny
/// list shuts its addresses out), then the mechanism: NULL passes, PLAIN needs a known user and
/// password, CURVE a trusted key, each looked up by the request's domain, or "*" for any domain.
/// Configuration may change from any thread while requests are decided, hence the lock.
/// </summary>
internal sealed class ZapPolicy
{
    public const string AnyDomain = "*";

    private readonly object _lock = new();
    private readonly HashSet<string> _allowed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _denied = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _passwords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CurveTrust> _curve = new(StringComparer.Ordinal);

    public void Allow(IEnumerable<string> addresses)
    {
        lock (_lock) _allowed.UnionWith(addresses);
    }

    public void Deny(IEnumerable<string> addresses)
    {
        lock (_lock) _denied.UnionWith(addresses);
    }

    public void SetPasswords(string domain, Dictionary<string, string> passwords)
    {
        lock (_lock) _passwords[domain] = passwords;
    }

    public void SetCurve(string domain, CurveTrust trust)
    {
        lock (_lock) _curve[domain] = trust;
    }

    /// <summary>The domains whose CURVE keys came from a directory, with that directory.</summary>
    public List<(string Domain, string Directory)> CurveDirectories()
    {
        lock (_lock) return _curve.Where(e => e.Value.Directory is not null).Select(e => (e.Key, e.Value.Directory!)).ToList();
    }

    /// <summary>Replaces a domain's directory keys, unless the domain was configured differently meanwhile.</summary>
    public void ReplaceCurveDirectory(string domain, CurveTrust reloaded)
    {
        lock (_lock)
        {
            if (_curve.TryGetValue(domain, out CurveTrust? current) && current.Directory == reloaded.Directory)
                _curve[domain] = reloaded;
        }
    }

    public ZapReply Decide(ZapRequest request)
    {
        lock (_lock)
        {
            if (_allowed.Count > 0)
            {
                if (!_allowed.Contains(request.Address)) return ZapReply.Denied("Address not allowed");
            }
            else if (_denied.Contains(request.Address))
            {
                return ZapReply.Denied("Address denied");
            }

            return request.Mechanism switch
            {
                ZapRequest.NullMechanism => ZapReply.Ok(),
                ZapRequest.PlainMechanism => DecidePlain(request),
                ZapRequest.CurveMechanism => DecideCurve(request),
                _ => ZapReply.Denied($"Mechanism {request.Mechanism} not supported"),
            };
        }
    }

    private ZapReply DecidePlain(ZapRequest request)
    {
        Dictionary<string, string>? users = ForDomain(_passwords, request.Domain);
        if (users is null) return ZapReply.Denied("No PLAIN users for this domain");
        string username = request.Username!;
        if (!users.TryGetValue(username, out string? expected)) return ZapReply.Denied("Unknown user");
        // Compared in constant time so response timing does not reveal how much of a guess was right.
        bool match = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), request.Credentials[1]);
        return match ? ZapReply.Ok(username) : ZapReply.Denied("Wrong password");
    }

    private ZapReply DecideCurve(ZapRequest request)
    {
        CurveTrust? trust = ForDomain(_curve, request.Domain);
        if (trust is null) return ZapReply.Denied("No CURVE keys for this domain");
        string key = request.ClientKeyZ85!;
        return trust.Accepts(key) ? ZapReply.Ok(key) : ZapReply.Denied("Unknown key");
    }

    private static T? ForDomain<T>(Dictionary<string, T> byDomain, string domain) where T : class =>
        byDomain.TryGetValue(domain, out T? exact) ? exact
        : byDomain.TryGetValue(AnyDomain, out T? any) ? any
        : null;
}
