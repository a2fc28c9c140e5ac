using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// APIMart step 2: <c>{"byted_token","project_name"}</c> reports the liveness result,
/// in whichever of the undocumented shapes <see cref="SimulatorOptions.Step2Shape"/> names.
/// </summary>
internal sealed class QueryVerificationHandler(SimulatorState state)
{
    public VendorAnswer Handle(VendorRequest request)
    {
        var options = state.Options;
        var style = options.ApiMartErrorStyle;
        var body = (JsonObject)request.Json!;
        var token = JsonText.NonEmptyString(body, "byted_token");
        if (token is null)
        {
            return ApiMartErrors.Styled(style, 400, "invalid_parameter", "byted_token must be a non-empty string", param: "byted_token");
        }

        if (!ProjectName.TryRead(body, out _))
        {
            return ProjectName.Invalid(style);
        }

        var now = state.Now;
        return options.Step2Shape switch
        {
            Step2Shape.Task or Step2Shape.TaskRawResponse =>
                AsTask(style, token, options.Step2Shape == Step2Shape.TaskRawResponse, now),
            _ => Direct(style, token, options.Step2Shape == Step2Shape.DirectPascalCase, now),
        };
    }

    private VendorAnswer AsTask(ApiMartErrorStyle style, string token, bool rawResponse, DateTimeOffset now)
    {
        var task = state.ApiMart.QueryVerificationTask(token, rawResponse, now);
        return task is null
            ? UnknownToken(style)
            : ApiMartAnswers.TaskAccepted((string)task["id"]!, (string)task["status"]!);
    }

    private VendorAnswer Direct(ApiMartErrorStyle style, string token, bool pascalCase, DateTimeOffset now)
    {
        if (state.ApiMart.QueryVerification(token, now) is not { } verification)
        {
            return UnknownToken(style);
        }

        return verification.Phase switch
        {
            VerificationPhase.Passed => ApiMartAnswers.Ok(pascalCase
                ? new JsonObject { ["GroupId"] = verification.GroupId, ["Status"] = "passed" }
                : new JsonObject { ["group_id"] = verification.GroupId, ["status"] = "passed" }),
            VerificationPhase.Refused => Failure(style, TaskError.Refused),
            VerificationPhase.Expired => Failure(style, TaskError.TokenExpired),
            _ => ApiMartAnswers.Ok(new JsonObject { ["status"] = "pending" }),
        };
    }

    private static VendorAnswer Failure(ApiMartErrorStyle style, TaskError error) =>
        ApiMartErrors.Styled(style, 400, error.Code, error.Message, error.Type, "byted_token");

    private static VendorAnswer UnknownToken(ApiMartErrorStyle style) =>
        ApiMartErrors.Styled(style, 400, "invalid_token", "unknown byted_token", param: "byted_token");
}
