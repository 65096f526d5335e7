using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>
/// What Zinc keeps inside a C zmq_msg_t (64 bytes, 8-aligned). Everything is native: the
/// payload lives in malloc'd memory (or the caller's, for zmq_msg_init_data), so the pointer
/// zmq_msg_data returns never moves, and the struct may be copied or moved by C code freely.
/// The only managed link is an optional GCHandle to a <see cref="MsgTag"/> (group, connection
/// properties), freed by zmq_msg_close.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeMsg
{
    public const int Size = 64;
    public const uint Live = 0x5a4d5347; // "ZMSG"
    public const uint FlagMore = 1, FlagOwned = 2, FlagShared = 4;

    public uint Tag;
    public uint Flags;
    public byte* Data;
    public nint Length;
    // zmq_free_fn for caller-supplied data; 0 when Zinc owns the memory or nothing frees it.
    public delegate* unmanaged<void*, void*, void> Free;
    public void* Hint;
    public uint RoutingId;
    public uint Reserved;
    public nint Extra; // GCHandle of a MsgTag, or 0
    public nint Unused;

    public static NativeMsg* From(void* pointer)
    {
        var msg = (NativeMsg*)pointer;
        return msg != null && msg->Tag == Live ? msg : null;
    }

    public static void InitEmpty(NativeMsg* msg)
    {
        *msg = default;
        msg->Tag = Live;
    }

    /// <summary>Allocates an owned payload of <paramref name="size"/> bytes (malloc, so C may outlive us safely).</summary>
    public static void InitSize(NativeMsg* msg, int size)
    {
        InitEmpty(msg);
        msg->Data = (byte*)NativeMemory.Alloc((nuint)Math.Max(size, 1));
        msg->Length = size;
        msg->Flags = FlagOwned;
    }

    public readonly Span<byte> Payload => new(Data, (int)Length);

    public readonly MsgTag? TagObject => Extra == 0 ? null : GCHandle.FromIntPtr(Extra).Target as MsgTag;

    public void SetTag(MsgTag? tag)
    {
        if (Extra != 0)
        {
            // Each message owns its tag (zmq_msg_copy makes a new one), so its strings go with it.
            GCHandle old = GCHandle.FromIntPtr(Extra);
            (old.Target as MsgTag)?.Dispose();
            old.Free();
        }
        Extra = tag is null ? 0 : GCHandle.ToIntPtr(GCHandle.Alloc(tag));
    }

    /// <summary>Releases the payload (calling the caller's free function) and the tag; leaves an empty message.</summary>
    public static void Release(NativeMsg* msg)
    {
        if ((msg->Flags & FlagOwned) != 0) NativeMemory.Free(msg->Data);
        else if (msg->Free != null) msg->Free(msg->Data, msg->Hint);
        msg->SetTag(null);
        InitEmpty(msg);
    }
}

/// <summary>The managed extras of a message: its RADIO/DISH group and its connection's properties, with their C strings.</summary>
internal sealed class MsgTag : IDisposable
{
    private readonly Dictionary<string, nint> _strings = new();

    public MsgTag(string? group, MsgProperties? properties)
    {
        Group = group;
        Properties = properties;
    }

    public string? Group { get; }

    public MsgProperties? Properties { get; }

    /// <summary>A C string for <paramref name="text"/> that lives as long as this tag (zmq_msg_gets, zmq_msg_group).</summary>
    public nint CString(string text)
    {
        lock (_strings)
        {
            if (!_strings.TryGetValue(text, out nint pointer))
            {
                pointer = Marshal.StringToCoTaskMemUTF8(text);
                _strings[text] = pointer;
            }
            return pointer;
        }
    }

    public void Dispose()
    {
        lock (_strings)
        {
            foreach (nint pointer in _strings.Values) Marshal.FreeCoTaskMem(pointer);
            _strings.Clear();
        }
    }
}
