using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>The <c>error</c> object of a failed APIMart task.</summary>
internal sealed record TaskError(string Code, string Message, string Type)
{
    public static readonly TaskError Refused = new("verification_refused", "liveness check refused", "verification_error");
    public static readonly TaskError TokenExpired = new("token_expired", "byted_token expired", "verification_error");
    public static readonly TaskError ReviewFailed = new("task_failed", "Some assets failed review", "review_error");

    public JsonObject ToJson() => new() { ["code"] = Code, ["message"] = Message, ["type"] = Type };
}
