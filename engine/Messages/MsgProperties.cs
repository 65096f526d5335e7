using System.Text;

namespace Zinc;

/// <summary>
/// The properties of the connection a message arrived on (zmq_msg_gets): the peer's READY
/// metadata (Socket-Type, Identity, application X- properties), Peer-Address, and what the ZAP
/// handler said (User-Id and its metadata). One immutable instance per connection, shared by
/// every message received on it, so stamping a message costs one reference store.
/// </summary>
public sealed class MsgProperties
{
    private readonly Dictionary<string, string> _values;

    internal MsgProperties(Dictionary<string, string> values) => _values = values;

    /// <summary>The value of <paramref name="name"/> (names compare case-insensitively), or null.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out string? value) ? value : null;

    /// <summary>Every property, for listing.</summary>
    public IReadOnlyDictionary<string, string> All => _values;

    /// <summary>Builds the set from raw metadata, later sources overriding earlier ones.</summary>
    internal static MsgProperties Build(IEnumerable<KeyValuePair<string, byte[]>> metadata, string? peerAddress, string? userId,
        IEnumerable<KeyValuePair<string, byte[]>>? zapMetadata)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in metadata) values[p.Key] = Encoding.UTF8.GetString(p.Value);
        if (zapMetadata is not null)
            foreach (var p in zapMetadata) values[p.Key] = Encoding.UTF8.GetString(p.Value);
        if (!string.IsNullOrEmpty(userId)) values["User-Id"] = userId;
        if (!string.IsNullOrEmpty(peerAddress)) values["Peer-Address"] = peerAddress;
        return new MsgProperties(values);
    }
}
