using System.Runtime.InteropServices;

namespace Zinc.Bench;

/// <summary>zmq_msg_t: 64 opaque bytes, 8-aligned. Kept where it cannot move (a local or native memory).</summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
internal struct LibZmqMsg
{
    private long _first;
}
