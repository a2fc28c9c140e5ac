namespace RealPerson;

/// <summary>
/// The kinds of failure the engine reports. Each member has the name of a PowerShell
/// <c>ErrorCategory</c> member, so the module maps them by name.
/// </summary>
public enum FailureCategory
{
    NotSpecified,
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    InvalidResult,
    ObjectNotFound,
    OperationStopped,
    OperationTimeout,
    PermissionDenied,
    ResourceUnavailable,
    ProtocolError,
    ConnectionError,
    AuthenticationError,
    SecurityError,
    LimitsExceeded,
    QuotaExceeded,
}
