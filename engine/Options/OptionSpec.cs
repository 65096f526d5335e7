namespace Zinc;

/// <summary>
/// Everything the option store needs to know about one socket option: its wire type, direction,
/// default and the range or length its values must respect.
/// </summary>
internal sealed class OptionSpec
{
    public OptionSpec(
        SocketOption option,
        OptionKind kind,
        OptionAccess access,
        OptionFlags flags = OptionFlags.None,
        long defaultValue = 0,
        long min = long.MinValue,
        long max = long.MaxValue,
        int minLength = 0,
        int maxLength = int.MaxValue)
    {
        Option = option;
        Kind = kind;
        Access = access;
        Flags = flags;
        DefaultValue = defaultValue;
        Min = min;
        Max = max;
        MinLength = minLength;
        MaxLength = maxLength;
    }

    /// <summary>The option number.</summary>
    public SocketOption Option { get; }

    /// <summary>The value type.</summary>
    public OptionKind Kind { get; }

    /// <summary>Whether the option can be set, read, or both.</summary>
    public OptionAccess Access { get; }

    /// <summary>Special treatment (computed by the socket, action, accumulating list...).</summary>
    public OptionFlags Flags { get; }

    /// <summary>Default of a numeric or boolean option (UInt64 defaults are stored as their bit pattern).</summary>
    public long DefaultValue { get; }

    /// <summary>Smallest value accepted on set (numeric kinds; for Bool, the raw int accepted).</summary>
    public long Min { get; }

    /// <summary>Largest value accepted on set (numeric kinds; for Bool, the raw int accepted).</summary>
    public long Max { get; }

    /// <summary>Shortest accepted value for Bytes/String kinds (String: without the trailing NUL).</summary>
    public int MinLength { get; }

    /// <summary>Longest accepted value for Bytes/String kinds (String: without the trailing NUL).</summary>
    public int MaxLength { get; }

    /// <summary>zmq_setsockopt accepts the option.</summary>
    public bool CanSet => (Access & OptionAccess.Set) != 0;

    /// <summary>zmq_getsockopt accepts the option.</summary>
    public bool CanGet => (Access & OptionAccess.Get) != 0;

    /// <summary>The socket answers this read-only option itself; the store holds no value.</summary>
    public bool IsComputed => (Flags & OptionFlags.Computed) != 0;

    /// <summary>The socket type performs this option as a command; the store holds no value.</summary>
    public bool IsAction => (Flags & OptionFlags.Action) != 0;

    /// <summary>The store keeps a value (or list) for this option.</summary>
    public bool IsStored => (Flags & (OptionFlags.Computed | OptionFlags.Action)) == 0;

    /// <summary>True for options whose value is a number kept in the scalar slots.</summary>
    public bool IsScalar => Kind is OptionKind.Int32 or OptionKind.Int64 or OptionKind.UInt64 or OptionKind.Bool;

    /// <summary>Tests a flag.</summary>
    public bool Has(OptionFlags flag) => (Flags & flag) == flag;

    /// <inheritdoc/>
    public override string ToString() => $"{Option} ({(int)Option}, {Kind}, {Access})";
}
