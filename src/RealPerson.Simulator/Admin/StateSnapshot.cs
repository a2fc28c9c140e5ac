using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>The whole state as JSON for <c>GET /_sim/state</c>; submissions become a list for PowerShell.</summary>
internal static class StateSnapshot
{
    public static JsonObject ToJson(SimulatorState state)
    {
        var calls = new JsonObject();
        foreach (var (route, count) in state.CallCounts)
        {
            calls[route] = count;
        }

        var faults = new JsonObject();
        foreach (var (kind, count) in state.FaultCounts)
        {
            faults[kind] = count;
        }

        var submissions = new JsonArray();
        foreach (var ((provider, name, url), count) in state.ProcessedSubmissions
                     .OrderBy(s => s.Key.Provider, StringComparer.Ordinal)
                     .ThenBy(s => s.Key.Name, StringComparer.Ordinal)
                     .ThenBy(s => s.Key.Url, StringComparer.Ordinal))
        {
            submissions.Add(new JsonObject { ["provider"] = provider, ["name"] = name, ["url"] = url, ["count"] = count });
        }

        var verifications = new JsonArray();
        foreach (var (token, phase, expiresAt) in state.ApiMart.ListVerifications(state.Now))
        {
            verifications.Add(new JsonObject { ["token"] = token, ["phase"] = phase.ToString().ToLowerInvariant(), ["expiresAt"] = expiresAt.ToString("O") });
        }

        return new JsonObject
        {
            ["verifications"] = verifications,
            ["baseUri"] = state.BaseUri.ToString(),
            ["calls"] = calls,
            ["faults"] = faults,
            ["processedSubmissions"] = submissions,
            ["processedVideos"] = new JsonArray([.. state.ProcessedVideos
                .OrderBy(v => v.Key.Provider, StringComparer.Ordinal).ThenBy(v => v.Key.Prompt, StringComparer.Ordinal)
                .Select(v => (JsonNode)new JsonObject { ["provider"] = v.Key.Provider, ["prompt"] = v.Key.Prompt, ["count"] = v.Value })]),
            ["fileRequests"] = state.FileRequests,
            ["fileRequestsWithAuthorization"] = state.FileRequestsWithAuthorization,
            ["config"] = ConfigJson.ToJson(state.Options),
        };
    }
}
