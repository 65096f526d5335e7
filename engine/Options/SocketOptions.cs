using System.Buffers.Binary;

namespace Zinc;

/// <summary>
/// The option values of one socket, validated as libzmq validates them. Values come and go in libzmq's
/// wire form (<see cref="Set(SocketOption, ReadOnlySpan{byte})"/>, <see cref="Get"/>); the engine reads
/// them through typed properties that index fixed arrays by option number, with no lookup or allocation.
/// Not thread-safe: the owning socket serialises access. Stored byte arrays are never mutated in place,
/// so a <see cref="Clone"/> can share them.
/// </summary>
internal sealed partial class SocketOptions
{
    /// <summary>ZMQ_NULL security mechanism.</summary>
    public const int MechanismNull = 0;
    /// <summary>ZMQ_PLAIN security mechanism.</summary>
    public const int MechanismPlain = 1;
    /// <summary>ZMQ_CURVE security mechanism.</summary>
    public const int MechanismCurve = 2;
    /// <summary>ZMQ_GSSAPI security mechanism.</summary>
    public const int MechanismGssapi = 3;

    private static readonly long[] s_defaults = BuildDefaults();

    // Numeric and boolean values (UInt64 as bit pattern), indexed by option number.
    private readonly long[] _scalars;
    // Bytes, String (without NUL) and CURVE key values, indexed by option number; null = not set.
    private readonly byte[]?[] _blobs;
    private int _mechanism;
    private bool _asServer;
    private List<string>? _tcpAcceptFilters;
    private HashSet<int>? _ipcFilterPids;
    private HashSet<int>? _ipcFilterUids;
    private HashSet<int>? _ipcFilterGids;
    private Dictionary<string, string>? _metadata;

    /// <summary>Creates a store holding every option's default.</summary>
    public SocketOptions()
    {
        _scalars = (long[])s_defaults.Clone();
        _blobs = new byte[]?[OptionTable.Capacity];
    }

    private SocketOptions(SocketOptions source)
    {
        _scalars = (long[])source._scalars.Clone();
        _blobs = (byte[]?[])source._blobs.Clone();
        _mechanism = source._mechanism;
        _asServer = source._asServer;
        _tcpAcceptFilters = source._tcpAcceptFilters is null ? null : new List<string>(source._tcpAcceptFilters);
        _ipcFilterPids = source._ipcFilterPids is null ? null : new HashSet<int>(source._ipcFilterPids);
        _ipcFilterUids = source._ipcFilterUids is null ? null : new HashSet<int>(source._ipcFilterUids);
        _ipcFilterGids = source._ipcFilterGids is null ? null : new HashSet<int>(source._ipcFilterGids);
        _metadata = source._metadata is null ? null : new Dictionary<string, string>(source._metadata, StringComparer.Ordinal);
    }

    /// <summary>A snapshot of every value (sessions keep the options in force at connect/bind time).</summary>
    public SocketOptions Clone() => new(this);

    private static long[] BuildDefaults()
    {
        var defaults = new long[OptionTable.Capacity];
        foreach (OptionSpec spec in OptionTable.All)
            if (spec.IsScalar && spec.IsStored) defaults[(int)spec.Option] = spec.DefaultValue;
        return defaults;
    }

    /// <summary>
    /// Sets <paramref name="option"/> from its libzmq wire form: 4 little-endian bytes for int options,
    /// 8 for int64/uint64 ones, raw bytes for binary and string options (one trailing NUL is dropped from
    /// strings). EINVAL for unknown or read-only options, a wrong size or an out-of-range value.
    /// </summary>
    public ZmqError Set(SocketOption option, ReadOnlySpan<byte> value)
    {
        OptionSpec? spec = OptionTable.Find(option);
        if (spec is null || !spec.CanSet || !spec.IsStored) return ZmqError.EINVAL;
        // GSSAPI (rfc 38) is not offered: Zinc has no Kerberos binding. Fail loudly, not silently NULL.
        if (OptionTable.IsGssapi(option)) return ZmqError.ENOTSUP;
        // CURVE needs libsodium; without it the option would only fail later, on an IO thread.
        if (option is SocketOption.CurveServer or SocketOption.CurvePublicKey or SocketOption.CurveSecretKey
            or SocketOption.CurveServerKey && !Security.Sodium.IsAvailable)
            return ZmqError.ENOTSUP;
        if (spec.Has(OptionFlags.Accumulate)) return SetAccumulated(spec, value);
        switch (spec.Kind)
        {
            case OptionKind.Int32:
            case OptionKind.Bool:
                {
                    if (value.Length != sizeof(int)) return ZmqError.EINVAL;
                    long number = BinaryPrimitives.ReadInt32LittleEndian(value);
                    if (number < spec.Min || number > spec.Max) return ZmqError.EINVAL;
                    StoreScalar(spec, number);
                    return ZmqError.None;
                }
            case OptionKind.Int64:
                {
                    if (value.Length != sizeof(long)) return ZmqError.EINVAL;
                    long number = BinaryPrimitives.ReadInt64LittleEndian(value);
                    if (number < spec.Min || number > spec.Max) return ZmqError.EINVAL;
                    StoreScalar(spec, number);
                    return ZmqError.None;
                }
            case OptionKind.UInt64:
                if (value.Length != sizeof(ulong)) return ZmqError.EINVAL;
                _scalars[(int)option] = BinaryPrimitives.ReadInt64LittleEndian(value);
                return ZmqError.None;
            case OptionKind.Bytes:
                return SetBytes(spec, value);
            case OptionKind.String:
                return SetString(spec, value);
            case OptionKind.CurveKey:
                return SetCurveKey(spec, value);
            default:
                return ZmqError.EINVAL;
        }
    }

    /// <summary>
    /// Writes <paramref name="option"/> into <paramref name="destination"/> in libzmq's wire form and
    /// reports the bytes written: ints as 4 little-endian bytes, int64/uint64 as 8, binary values as-is,
    /// strings with a trailing NUL, CURVE keys as 32 binary bytes into a 32-byte buffer or as 40 Z85
    /// characters plus NUL into a 41-byte one. EINVAL for unknown, write-only or socket-computed options,
    /// for a buffer too small for the value and, for a CURVE key, for any other buffer size.
    /// </summary>
    public ZmqError Get(SocketOption option, Span<byte> destination, out int written)
    {
        written = 0;
        OptionSpec? spec = OptionTable.Find(option);
        if (spec is null || !spec.CanGet || !spec.IsStored) return ZmqError.EINVAL;
        switch (spec.Kind)
        {
            case OptionKind.Int32:
            case OptionKind.Bool:
                if (destination.Length < sizeof(int)) return ZmqError.EINVAL;
                BinaryPrimitives.WriteInt32LittleEndian(destination, (int)ReadScalar(option));
                written = sizeof(int);
                return ZmqError.None;
            case OptionKind.Int64:
            case OptionKind.UInt64:
                if (destination.Length < sizeof(long)) return ZmqError.EINVAL;
                BinaryPrimitives.WriteInt64LittleEndian(destination, ReadScalar(option));
                written = sizeof(long);
                return ZmqError.None;
            case OptionKind.Bytes:
                {
                    ReadOnlySpan<byte> data = _blobs[(int)option];
                    if (destination.Length < data.Length) return ZmqError.EINVAL;
                    data.CopyTo(destination);
                    written = data.Length;
                    return ZmqError.None;
                }
            case OptionKind.String:
                {
                    ReadOnlySpan<byte> text = _blobs[(int)option];
                    if (destination.Length < text.Length + 1) return ZmqError.EINVAL;
                    text.CopyTo(destination);
                    destination[text.Length] = 0;
                    written = text.Length + 1;
                    return ZmqError.None;
                }
            case OptionKind.CurveKey:
                return GetCurveKey(option, destination, out written);
            default:
                return ZmqError.EINVAL;
        }
    }

    // ---- scalars ----

    private void StoreScalar(OptionSpec spec, long value)
    {
        if (spec.Kind == OptionKind.Bool) value = value != 0 ? 1 : 0;
        switch (spec.Option)
        {
            case SocketOption.Ipv4Only:
                _scalars[(int)SocketOption.Ipv6] = 1 - value;
                return;
            case SocketOption.HeartbeatTtl:
                // Sent on the wire in deciseconds; libzmq rounds down and reports the rounded value.
                value = value / 100 * 100;
                break;
            case SocketOption.PlainServer:
                _asServer = value != 0;
                _mechanism = value != 0 ? MechanismPlain : MechanismNull;
                return;
            case SocketOption.CurveServer:
                _asServer = value != 0;
                _mechanism = value != 0 ? MechanismCurve : MechanismNull;
                return;
            case SocketOption.GssapiServer:
                _asServer = value != 0;
                _mechanism = MechanismGssapi;
                return;
        }
        _scalars[(int)spec.Option] = value;
    }

    private long ReadScalar(SocketOption option) => option switch
    {
        SocketOption.Ipv4Only => 1 - _scalars[(int)SocketOption.Ipv6],
        SocketOption.Mechanism => _mechanism,
        SocketOption.PlainServer => _asServer && _mechanism == MechanismPlain ? 1 : 0,
        SocketOption.CurveServer => _asServer && _mechanism == MechanismCurve ? 1 : 0,
        SocketOption.GssapiServer => _asServer && _mechanism == MechanismGssapi ? 1 : 0,
        _ => _scalars[(int)option],
    };

    // ---- binary, strings, keys ----

    private ZmqError SetBytes(OptionSpec spec, ReadOnlySpan<byte> value)
    {
        if (value.Length < spec.MinLength || value.Length > spec.MaxLength) return ZmqError.EINVAL;
        if (spec.Has(OptionFlags.NoLeadingZero) && value.Length > 0 && value[0] == 0) return ZmqError.EINVAL;
        _blobs[(int)spec.Option] = value.IsEmpty ? null : value.ToArray();
        return ZmqError.None;
    }

    private ZmqError SetString(OptionSpec spec, ReadOnlySpan<byte> value)
    {
        SocketOption option = spec.Option;
        // libzmq rejects a zero-length ZAP domain, NULL included.
        if (value.IsEmpty && option == SocketOption.ZapDomain) return ZmqError.EINVAL;
        // libzmq 4.3.4 keeps the bytes as given, NULs included, and reads them back with one
        // more NUL ("a\0b" reads as "a\0b\0", "x\0" as "x\0\0"; checked); limits count them all.
        ReadOnlySpan<byte> text = value;
        if (text.IsEmpty && option is SocketOption.PlainUsername or SocketOption.PlainPassword)
        {
            // libzmq: a null/empty PLAIN credential switches the socket back to NULL security.
            _mechanism = MechanismNull;
            return ZmqError.None;
        }
        if (text.Length < spec.MinLength || text.Length > spec.MaxLength) return ZmqError.EINVAL;
        _blobs[(int)option] = text.IsEmpty ? null : text.ToArray();
        switch (option)
        {
            case SocketOption.PlainUsername:
            case SocketOption.PlainPassword:
                _asServer = false;
                _mechanism = MechanismPlain;
                break;
            case SocketOption.GssapiPrincipal:
                _mechanism = MechanismGssapi;
                break;
            case SocketOption.GssapiServicePrincipal:
                _asServer = false;
                _mechanism = MechanismGssapi;
                break;
        }
        return ZmqError.None;
    }

    /// <summary>Drops one trailing NUL; false when another NUL is embedded in the text.</summary>
    private static bool TryStripNul(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> text)
    {
        text = value.Length > 0 && value[^1] == 0 ? value[..^1] : value;
        return text.IndexOf((byte)0) < 0;
    }

    private ZmqError SetCurveKey(OptionSpec spec, ReadOnlySpan<byte> value)
    {
        var key = new byte[OptionTable.CurveKeySize];
        switch (value.Length)
        {
            case OptionTable.CurveKeySize:
                value.CopyTo(key);
                break;
            case OptionTable.CurveKeyZ85Size:
                if (!Z85.TryDecode(value, key)) return ZmqError.EINVAL;
                break;
            case OptionTable.CurveKeyZ85Size + 1:
                if (value[^1] != 0 || !Z85.TryDecode(value[..^1], key)) return ZmqError.EINVAL;
                break;
            default:
                return ZmqError.EINVAL;
        }
        _blobs[(int)spec.Option] = key;
        _mechanism = MechanismCurve;
        if (spec.Option == SocketOption.CurveServerKey) _asServer = false;
        return ZmqError.None;
    }

    private ZmqError GetCurveKey(SocketOption option, Span<byte> destination, out int written)
    {
        written = 0;
        ReadOnlySpan<byte> key = _blobs[(int)option] ?? new byte[OptionTable.CurveKeySize];
        if (destination.Length == OptionTable.CurveKeyZ85Size + 1)
        {
            Z85.TryEncode(key, destination);
            destination[OptionTable.CurveKeyZ85Size] = 0;
            written = OptionTable.CurveKeyZ85Size + 1;
            return ZmqError.None;
        }
        // libzmq 4.3.4 takes the buffer size as the form asked for: any size but 32 or 41 is
        // EINVAL, a larger buffer included (checked: 0, 31, 33, 40, 42 and 255 all fail).
        if (destination.Length != OptionTable.CurveKeySize) return ZmqError.EINVAL;
        key.CopyTo(destination);
        written = OptionTable.CurveKeySize;
        return ZmqError.None;
    }

    // ---- accumulated lists (filters, metadata) ----

    private ZmqError SetAccumulated(OptionSpec spec, ReadOnlySpan<byte> value)
    {
        SocketOption option = spec.Option;
        if (value.IsEmpty)
        {
            if (spec.MinLength > 0) return ZmqError.EINVAL;
            ClearList(option);
            return ZmqError.None;
        }
        if (spec.Kind == OptionKind.Int32)
        {
            if (value.Length != sizeof(int)) return ZmqError.EINVAL;
            int id = BinaryPrimitives.ReadInt32LittleEndian(value);
            HashSet<int> set = option switch
            {
                SocketOption.IpcFilterPid => _ipcFilterPids ??= new HashSet<int>(),
                SocketOption.IpcFilterUid => _ipcFilterUids ??= new HashSet<int>(),
                _ => _ipcFilterGids ??= new HashSet<int>(),
            };
            set.Add(id);
            return ZmqError.None;
        }
        if (option == SocketOption.TcpAcceptFilter)
        {
            // libzmq 4.3.4 parses the filter as a C string: up to the first NUL, so "\0" is an
            // empty (invalid) filter and "10.0.0.1\0x" is 10.0.0.1 (checked).
            if (value.Length > spec.MaxLength) return ZmqError.EINVAL;
            int nul = value.IndexOf((byte)0);
            string filter = System.Text.Encoding.UTF8.GetString(nul < 0 ? value : value[..nul]);
            if (!IsValidCidr(filter)) return ZmqError.EINVAL;
            (_tcpAcceptFilters ??= new List<string>()).Add(filter);
            return ZmqError.None;
        }
        if (!TryStripNul(value, out ReadOnlySpan<byte> raw)) return ZmqError.EINVAL;
        if (raw.Length < spec.MinLength || raw.Length > spec.MaxLength) return ZmqError.EINVAL;
        // ZMQ_METADATA: "X-key:value" with a non-empty key of at most 255 bytes and a non-empty value.
        int colon = raw.IndexOf((byte)':');
        if (colon <= 0 || colon == raw.Length - 1 || colon > 255) return ZmqError.EINVAL;
        if (raw.Length < 2 || raw[0] != (byte)'X' || raw[1] != (byte)'-') return ZmqError.EINVAL;
        string name = System.Text.Encoding.UTF8.GetString(raw[..colon]);
        string property = System.Text.Encoding.UTF8.GetString(raw[(colon + 1)..]);
        (_metadata ??= new Dictionary<string, string>(StringComparer.Ordinal)).TryAdd(name, property);
        return ZmqError.None;
    }

    private void ClearList(SocketOption option)
    {
        switch (option)
        {
            case SocketOption.TcpAcceptFilter: _tcpAcceptFilters = null; break;
            case SocketOption.IpcFilterPid: _ipcFilterPids = null; break;
            case SocketOption.IpcFilterUid: _ipcFilterUids = null; break;
            case SocketOption.IpcFilterGid: _ipcFilterGids = null; break;
            case SocketOption.Metadata: _metadata = null; break;
        }
    }

    /// <summary>Accepts "address" or "address/prefix-length" for IPv4 or IPv6.</summary>
    private static bool IsValidCidr(string text)
    {
        int slash = text.IndexOf('/');
        string address = slash < 0 ? text : text[..slash];
        if (!System.Net.IPAddress.TryParse(address, out System.Net.IPAddress? ip)) return false;
        if (slash < 0) return true;
        int maxBits = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        return int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out int bits) && bits <= maxBits;
    }
}
