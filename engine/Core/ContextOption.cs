namespace Zinc;

/// <summary>Context options, numbered as zmq_ctx_set/zmq_ctx_get number them.</summary>
public enum ContextOption
{
    /// <summary>ZMQ_IO_THREADS: worker threads for network transports (default 1).</summary>
    IoThreads = 1,
    /// <summary>ZMQ_MAX_SOCKETS: most sockets open at once (default 1023).</summary>
    MaxSockets = 2,
    /// <summary>ZMQ_SOCKET_LIMIT (get only): the largest MAX_SOCKETS accepted.</summary>
    SocketLimit = 3,
    /// <summary>ZMQ_THREAD_PRIORITY (set only; shares its number with SOCKET_LIMIT).</summary>
    ThreadPriority = 3,
    /// <summary>ZMQ_THREAD_SCHED_POLICY.</summary>
    ThreadSchedPolicy = 4,
    /// <summary>ZMQ_MAX_MSGSZ: largest message accepted.</summary>
    MaxMsgSz = 5,
    /// <summary>ZMQ_MSG_T_SIZE (get only): size of a message handle.</summary>
    MsgTSize = 6,
    /// <summary>ZMQ_THREAD_AFFINITY_CPU_ADD.</summary>
    ThreadAffinityCpuAdd = 7,
    /// <summary>ZMQ_THREAD_AFFINITY_CPU_REMOVE.</summary>
    ThreadAffinityCpuRemove = 8,
    /// <summary>ZMQ_THREAD_NAME_PREFIX.</summary>
    ThreadNamePrefix = 9,
    /// <summary>ZMQ_ZERO_COPY_RECV.</summary>
    ZeroCopyRecv = 10,
    /// <summary>ZMQ_IPV6: default for new sockets.</summary>
    Ipv6 = 42,
    /// <summary>ZMQ_BLOCKY: whether termination waits for lingering sockets (default 1).</summary>
    Blocky = 70,
}
