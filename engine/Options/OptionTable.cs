using System.Diagnostics.CodeAnalysis;

namespace Zinc;

/// <summary>
/// The table of every socket option Zinc knows, indexed by option number. The option store
/// (<see cref="SocketOptions"/>) validates and keeps values according to it; sockets and patterns can
/// consult it to learn whether an option is computed by them, an action, or a plain stored value.
/// Registrations are split by area: Core, Transport, Security and Patterns.
/// </summary>
internal static partial class OptionTable
{
    /// <summary>Every known option number is below this bound (libzmq master tops out at 124).</summary>
    public const int Capacity = 128;

    // Raw int ranges accepted for boolean options, following libzmq's three flavours of int-as-bool.
    private const long BoolStrict = 1;          // 0 or 1 only
    private const long BoolNonNegative = 2;     // any value >= 0, non-zero means true
    private const long BoolAny = 3;             // any value, non-zero means true

    private static readonly OptionSpec?[] s_specs = new OptionSpec?[Capacity];
    private static readonly List<OptionSpec> s_all = new();

    static OptionTable()
    {
        RegisterCore();
        RegisterTransport();
        RegisterSecurity();
        RegisterPatterns();
    }

    /// <summary>All registered options, in registration order.</summary>
    public static IReadOnlyList<OptionSpec> All => s_all;

    /// <summary>The spec of <paramref name="option"/>, or null when the number is unknown.</summary>
    public static OptionSpec? Find(SocketOption option)
    {
        uint index = (uint)option;
        return index < Capacity ? s_specs[index] : null;
    }

    /// <summary>Looks up <paramref name="option"/>; false when the number is unknown.</summary>
    public static bool TryGet(SocketOption option, [NotNullWhen(true)] out OptionSpec? spec)
    {
        spec = Find(option);
        return spec is not null;
    }

    /// <summary>True when the option number is known (stored, computed or action).</summary>
    public static bool IsKnown(SocketOption option) => Find(option) is not null;

    private static void Add(OptionSpec spec)
    {
        int index = (int)spec.Option;
        if ((uint)index >= Capacity) throw new InvalidOperationException($"Option {spec} is outside the table.");
        if (s_specs[index] is not null) throw new InvalidOperationException($"Option {spec} is registered twice.");
        s_specs[index] = spec;
        s_all.Add(spec);
    }

    private static void Int(SocketOption option, int defaultValue, long min = int.MinValue, long max = int.MaxValue,
        OptionAccess access = OptionAccess.SetGet, OptionFlags flags = OptionFlags.None)
        => Add(new OptionSpec(option, OptionKind.Int32, access, flags, defaultValue, min, max));

    private static void Int64(SocketOption option, long defaultValue, long min = long.MinValue, long max = long.MaxValue,
        OptionAccess access = OptionAccess.SetGet, OptionFlags flags = OptionFlags.None)
        => Add(new OptionSpec(option, OptionKind.Int64, access, flags, defaultValue, min, max));

    private static void UInt64(SocketOption option, ulong defaultValue,
        OptionAccess access = OptionAccess.SetGet, OptionFlags flags = OptionFlags.None)
        => Add(new OptionSpec(option, OptionKind.UInt64, access, flags, unchecked((long)defaultValue)));

    private static void Bool(SocketOption option, bool defaultValue, long parsing,
        OptionAccess access = OptionAccess.SetGet, OptionFlags flags = OptionFlags.None)
    {
        (long min, long max) = parsing switch
        {
            BoolStrict => (0L, 1L),
            BoolNonNegative => (0L, int.MaxValue),
            _ => ((long)int.MinValue, (long)int.MaxValue),
        };
        Add(new OptionSpec(option, OptionKind.Bool, access, flags, defaultValue ? 1 : 0, min, max));
    }

    private static void Bytes(SocketOption option, int minLength, int maxLength,
        OptionAccess access = OptionAccess.SetGet, OptionFlags flags = OptionFlags.None)
        => Add(new OptionSpec(option, OptionKind.Bytes, access, flags, minLength: minLength, maxLength: maxLength));

    private static void Text(SocketOption option, int minLength, int maxLength,
        OptionAccess access = OptionAccess.SetGet, OptionFlags flags = OptionFlags.None)
        => Add(new OptionSpec(option, OptionKind.String, access, flags, minLength: minLength, maxLength: maxLength));

    private static void Curve(SocketOption option)
        => Add(new OptionSpec(option, OptionKind.CurveKey, OptionAccess.SetGet, OptionFlags.None,
            minLength: CurveKeySize, maxLength: CurveKeySize));

    private static void Computed(SocketOption option, OptionKind kind, OptionFlags flags = OptionFlags.None)
        => Add(new OptionSpec(option, kind, OptionAccess.Get, flags | OptionFlags.Computed));

    private static void Action(SocketOption option)
        => Add(new OptionSpec(option, OptionKind.Bytes, OptionAccess.Set, OptionFlags.Action));

    /// <summary>Size of a binary CURVE key.</summary>
    public const int CurveKeySize = 32;

    /// <summary>Size of a Z85-encoded CURVE key, without its NUL.</summary>
    public const int CurveKeyZ85Size = 40;
}
