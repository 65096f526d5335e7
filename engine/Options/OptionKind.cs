namespace Zinc;

/// <summary>The value type of a socket option, as it travels through zmq_setsockopt/zmq_getsockopt.</summary>
internal enum OptionKind : byte
{
    /// <summary>A C <c>int</c>: exactly 4 bytes, little-endian.</summary>
    Int32,
    /// <summary>An <c>int64_t</c>: exactly 8 bytes, little-endian.</summary>
    Int64,
    /// <summary>A <c>uint64_t</c>: exactly 8 bytes, little-endian.</summary>
    UInt64,
    /// <summary>A C <c>int</c> holding a boolean; read back as 0 or 1.</summary>
    Bool,
    /// <summary>Binary data of bounded length, returned as-is.</summary>
    Bytes,
    /// <summary>A character string, kept as set (NULs included, as libzmq does); get adds one NUL.</summary>
    String,
    /// <summary>A CURVE key: 32 binary bytes, or 40 Z85 characters optionally followed by a NUL.</summary>
    CurveKey,
}

/// <summary>Which directions an option supports.</summary>
[Flags]
internal enum OptionAccess : byte
{
    /// <summary>Neither (never used for a listed option).</summary>
    None = 0,
    /// <summary>zmq_setsockopt accepts the option.</summary>
    Set = 1,
    /// <summary>zmq_getsockopt accepts the option.</summary>
    Get = 2,
    /// <summary>Both directions.</summary>
    SetGet = Set | Get,
}

/// <summary>How the option store treats an option beyond validating and keeping its value.</summary>
[Flags]
internal enum OptionFlags : byte
{
    /// <summary>A plain stored value.</summary>
    None = 0,
    /// <summary>
    /// Read-only value the socket answers itself (RCVMORE, EVENTS, FD, TYPE, LAST_ENDPOINT, THREAD_SAFE,
    /// TOPICS_COUNT). The store knows the option but returns EINVAL if asked.
    /// </summary>
    Computed = 1,
    /// <summary>
    /// A command the socket type performs (SUBSCRIBE, UNSUBSCRIBE). The store returns EINVAL if reached.
    /// </summary>
    Action = 2,
    /// <summary>Each set adds an entry to a list; an empty value clears the list (filters, metadata).</summary>
    Accumulate = 4,
    /// <summary>An empty value resets the option to "not set".</summary>
    EmptyClears = 8,
    /// <summary>Binary values must not start with a zero byte (reserved for generated routing ids).</summary>
    NoLeadingZero = 16,
    /// <summary>Deprecated in libzmq; still accepted.</summary>
    Deprecated = 32,
    /// <summary>DRAFT in libzmq 4.3.4 (or only on libzmq master).</summary>
    Draft = 64,
    /// <summary>
    /// libzmq's "strict" strings: C clears them with NULL and length 0, and an empty value at a
    /// real address is EINVAL. The C ABI checks it; C# has no NULL, so its empty value clears.
    /// </summary>
    EmptyNeedsNull = 128,
}
