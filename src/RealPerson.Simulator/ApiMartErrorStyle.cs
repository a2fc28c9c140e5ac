namespace RealPerson.Simulator;

/// <summary>The ways APIMart has been seen to report a request error.</summary>
public enum ApiMartErrorStyle
{
    /// <summary>An HTTP error status with <c>{"error": {"message", "type", "code", "param"}}</c>.</summary>
    HttpError,

    /// <summary>HTTP 200 with <c>{"code": 400, "message": "..."}</c>.</summary>
    EnvelopeMessage,

    /// <summary>HTTP 200 with <c>{"code": 400, "msg": "..."}</c>.</summary>
    EnvelopeMsg,
}
