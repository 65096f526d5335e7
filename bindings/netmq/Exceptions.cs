using Zinc;

namespace NetMQ;

/// <summary>NetMQ's error codes (the libzmq errno values).</summary>
public enum ErrorCode
{
    /// <summary>Unknown error.</summary>
    Unknown = 0,
    /// <summary>ENOENT.</summary>
    EndpointNotFound = 2,
    /// <summary>EINTR.</summary>
    Interrupted = 4,
    /// <summary>EAGAIN.</summary>
    TryAgain = 11,
    /// <summary>EINVAL.</summary>
    Invalid = 22,
    /// <summary>EMFILE.</summary>
    TooManyOpenSockets = 24,
    /// <summary>EPROTONOSUPPORT.</summary>
    ProtocolNotSupported = 93,
    /// <summary>ENOTSUP.</summary>
    NotSupported = 95,
    /// <summary>EADDRINUSE.</summary>
    AddressAlreadyInUse = 98,
    /// <summary>EADDRNOTAVAIL.</summary>
    AddressNotAvailable = 99,
    /// <summary>ECONNREFUSED.</summary>
    ConnectionRefused = 111,
    /// <summary>EHOSTUNREACH.</summary>
    HostUnreachable = 113,
    /// <summary>EFSM.</summary>
    FiniteStateMachine = 156384763,
    /// <summary>ENOCOMPATPROTO.</summary>
    NoCompatibleProtocol = 156384764,
    /// <summary>ETERM.</summary>
    ContextTerminated = 156384765,
    /// <summary>EMTHREAD.</summary>
    EmptyThread = 156384766,
}

/// <summary>Base of the exceptions NetMQ calls throw; <see cref="ErrorCode"/> tells which error.</summary>
public class NetMQException : Exception
{
    /// <summary>An exception with no message.</summary>
    public NetMQException() { }
    /// <summary>An exception with a message.</summary>
    public NetMQException(string message) : base(message) { }
    /// <summary>An exception with a message and inner exception.</summary>
    public NetMQException(string message, Exception? innerException) : base(message, innerException) { }

    internal NetMQException(string message, ErrorCode code, Exception? inner = null) : base(message, inner) => ErrorCode = code;

    /// <summary>The error code.</summary>
    public ErrorCode ErrorCode { get; protected internal set; }

    /// <summary>The exception NetMQ throws for <paramref name="code"/>.</summary>
    public static NetMQException Create(ErrorCode code) => Create(code, null);

    /// <summary>The exception NetMQ throws for <paramref name="code"/>, wrapping <paramref name="innerException"/>.</summary>
    public static NetMQException Create(ErrorCode code, Exception? innerException) => Create(code.ToString(), code, innerException);

    /// <summary>The exception NetMQ throws for <paramref name="code"/>, with a message.</summary>
    public static NetMQException Create(string message, ErrorCode code) => Create(message, code, null);

    private static NetMQException Create(string message, ErrorCode code, Exception? inner) => code switch
    {
        ErrorCode.AddressAlreadyInUse => new AddressAlreadyInUseException(message, inner),
        ErrorCode.EndpointNotFound or ErrorCode.ConnectionRefused => new EndpointNotFoundException(message, inner) { ErrorCode = code },
        ErrorCode.ContextTerminated => new TerminatingException(message, inner),
        ErrorCode.Invalid => new InvalidException(message, inner),
        ErrorCode.FiniteStateMachine => new FiniteStateMachineException(message, inner),
        ErrorCode.HostUnreachable => new HostUnreachableException(message, inner),
        ErrorCode.ProtocolNotSupported => new ProtocolNotSupportedException(message, inner),
        ErrorCode.NoCompatibleProtocol => new ProtocolNotSupportedException(message, inner) { ErrorCode = code },
        _ => new NetMQException(message, code, inner),
    };

    internal static NetMQException From(ZmqException e) => Create(e.Message, (ErrorCode)(int)e.Error, e);
}

/// <summary>The endpoint is already bound (EADDRINUSE).</summary>
public class AddressAlreadyInUseException : NetMQException
{
    /// <summary>Creates the exception.</summary>
    public AddressAlreadyInUseException(string message, Exception? inner = null) : base(message, inner) => ErrorCode = ErrorCode.AddressAlreadyInUse;
}

/// <summary>No such endpoint (ENOENT, ECONNREFUSED).</summary>
public class EndpointNotFoundException : NetMQException
{
    /// <summary>Creates the exception.</summary>
    public EndpointNotFoundException(string message, Exception? inner = null) : base(message, inner) => ErrorCode = ErrorCode.EndpointNotFound;
}

/// <summary>The context was terminated (ETERM).</summary>
public class TerminatingException : NetMQException
{
    /// <summary>Creates the exception.</summary>
    public TerminatingException(string message, Exception? inner = null) : base(message, inner) => ErrorCode = ErrorCode.ContextTerminated;
}

/// <summary>An invalid argument (EINVAL).</summary>
public class InvalidException : NetMQException
{
    /// <summary>Creates the exception.</summary>
    public InvalidException(string message, Exception? inner = null) : base(message, inner) => ErrorCode = ErrorCode.Invalid;
}

/// <summary>The operation is not allowed in the socket's state (EFSM), e.g. REQ sending twice.</summary>
public class FiniteStateMachineException : NetMQException
{
    /// <summary>Creates the exception.</summary>
    public FiniteStateMachineException(string message, Exception? inner = null) : base(message, inner) => ErrorCode = ErrorCode.FiniteStateMachine;
}

/// <summary>The message cannot be routed (EHOSTUNREACH).</summary>
public class HostUnreachableException : NetMQException
{
    /// <summary>Creates the exception.</summary>
    public HostUnreachableException(string message, Exception? inner = null) : base(message, inner) => ErrorCode = ErrorCode.HostUnreachable;
}

/// <summary>The transport or protocol is not supported (EPROTONOSUPPORT, ENOCOMPATPROTO).</summary>
public class ProtocolNotSupportedException : NetMQException
{
    /// <summary>Creates the exception.</summary>
    public ProtocolNotSupportedException(string message, Exception? inner = null) : base(message, inner) => ErrorCode = ErrorCode.ProtocolNotSupported;
}

/// <summary>A signal message (<see cref="ReceivingSocketExtensions.ReceiveSignal"/>) was not a signal.</summary>
public class FaultException : NetMQException
{
    /// <summary>Creates the exception.</summary>
    public FaultException(string message, Exception? inner = null) : base(message, inner) { }
}
