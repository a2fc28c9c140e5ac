using System.Text;
using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// <c>/_sim/*</c>: inspect and steer the simulator from tests and scripts (no key, never faulted).
/// </summary>
internal static class AdminRoutes
{
    public static void Map(IEndpointRouteBuilder routes, SimulatorState state)
    {
        routes.MapGet("/_sim/state", () => AdminJson.Answer(200, StateSnapshot.ToJson(state)));

        routes.MapPost("/_sim/reset", () =>
        {
            state.Reset();
            return AdminJson.Answer(200, new JsonObject { ["ok"] = true });
        });

        routes.MapPost("/_sim/verifications/{token}/pass", (string token) => Decide(state, token, pass: true));
        routes.MapPost("/_sim/verifications/{token}/refuse", (string token) => Decide(state, token, pass: false));

        routes.MapPost("/_sim/tasks/{id}/cancel", (string id) =>
            state.ApiMart.CancelTask(id, state.Now) switch
            {
                TaskCancelResult.Cancelled => AdminJson.Answer(200, new JsonObject { ["ok"] = true, ["id"] = id, ["status"] = "cancelled" }),
                TaskCancelResult.AlreadyFinished => AdminJson.Error(409, "task already finished"),
                _ => AdminJson.Error(404, "unknown task"),
            });

        routes.MapPost("/_sim/config", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            if (!JsonText.TryParse(text, out var json) || json is not JsonObject update)
            {
                return AdminJson.Error(400, $"body must be a JSON object with any of: {string.Join(", ", ConfigJson.Keys)}");
            }

            return ConfigJson.TryApply(update, state.Options) is { } error
                ? AdminJson.Error(400, error)
                : AdminJson.Answer(200, ConfigJson.ToJson(state.Options));
        });
    }

    private static IResult Decide(SimulatorState state, string token, bool pass)
    {
        var (result, groupId) = state.ApiMart.DecideVerification(token, pass, state.Now);
        return result switch
        {
            VerificationActionResult.Done => AdminJson.Answer(200, new JsonObject
            {
                ["ok"] = true,
                ["token"] = token,
                ["outcome"] = pass ? "passed" : "refused",
                ["group_id"] = groupId,
            }),
            VerificationActionResult.Expired => AdminJson.Error(410, "byted_token expired"),
            VerificationActionResult.AlreadyUsed => AdminJson.Error(410, "byted_token already used"),
            _ => AdminJson.Error(404, "unknown byted_token"),
        };
    }
}
