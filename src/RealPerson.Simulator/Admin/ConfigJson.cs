using System.Text.Json;
using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// Knobs as JSON for <c>/_sim/config</c>. An update is checked whole before any of it is
/// applied, so a bad field leaves every knob as it was.
/// </summary>
internal static class ConfigJson
{
    private delegate void Apply(SimulatorOptions options);

    private static readonly Dictionary<string, Func<JsonNode?, Apply>> Setters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["reviewMs"] = v => { var d = Milliseconds(v); return o => o.ReviewTime = d; },
        ["latencyMs"] = v => { var d = Milliseconds(v); return o => o.Latency = d; },
        ["failMarker"] = v => { var s = Text(v, allowNull: true) ?? ""; return o => o.FailMarker = s; },
        ["tokenLifetimeSec"] = v => { var n = Number(v); return o => o.TokenLifetime = TimeSpan.FromSeconds(n); },
        ["taskLatencyMs"] = v => { var d = Milliseconds(v); return o => o.TaskLatency = d; },
        ["step2Shape"] = v => { var e = Choice<Step2Shape>(v); return o => o.Step2Shape = e; },
        ["apiMartErrorStyle"] = v => { var e = Choice<ApiMartErrorStyle>(v); return o => o.ApiMartErrorStyle = e; },
        ["maxBatchStatusIds"] = v => { var n = (int)Number(v); return o => o.MaxBatchStatusIds = n; },
        ["maxCreatesInFlight"] = v => { var n = (int)Number(v); return o => o.MaxCreatesInFlight = n; },
        ["videoMs"] = v => { var d = Milliseconds(v); return o => o.VideoTime = d; },
        ["videoLinkLifetimeSec"] = v => { var n = Number(v); return o => o.VideoLinkLifetime = TimeSpan.FromSeconds(n); },
        ["videoFileBytes"] = v => { var n = (int)Number(v); return o => o.VideoFileBytes = n; },
        ["breakDownloads"] = v => { var n = (int)Number(v); return o => o.BreakDownloads = n; },
        ["fileDripMs"] = v => { var d = Milliseconds(v); return o => o.VideoFileDrip = d; },
        ["fileEndless"] = v => { var b = Flag(v); return o => o.VideoFileEndless = b; },
        ["fileRedirect"] = v => { var s = Text(v, allowNull: true); return o => o.VideoFileRedirect = s; },
        ["seed"] = v => { var n = (int)Number(v); return o => o.Faults.Seed = n; },
        ["fault500"] = v => { var r = Rate(v); return o => o.Faults.Http500Rate = r; },
        ["fault429"] = v => { var r = Rate(v); return o => o.Faults.Http429Rate = r; },
        ["fault502"] = v => { var r = Rate(v); return o => o.Faults.Http502Rate = r; },
        ["fault503"] = v => { var r = Rate(v); return o => o.Faults.Http503Rate = r; },
        ["fault504"] = v => { var r = Rate(v); return o => o.Faults.Http504Rate = r; },
        ["faultDropBefore"] = v => { var r = Rate(v); return o => o.Faults.DropBeforeRate = r; },
        ["faultDropAfter"] = v => { var r = Rate(v); return o => o.Faults.DropAfterRate = r; },
        ["faultTruncate"] = v => { var r = Rate(v); return o => o.Faults.TruncateRate = r; },
        ["faultHtml"] = v => { var r = Rate(v); return o => o.Faults.HtmlRate = r; },
        ["faultHuge"] = v => { var r = Rate(v); return o => o.Faults.HugeBodyRate = r; },
        ["faultSlow"] = v => { var r = Rate(v); return o => o.Faults.SlowRate = r; },
        ["slowMs"] = v => { var d = Milliseconds(v); return o => o.Faults.SlowDelay = d; },
        ["retryAfter"] = v => { var s = Text(v, allowNull: true); return o => o.Faults.RetryAfter = s; },
        ["submissionsOnly"] = v => { var b = Flag(v); return o => o.Faults.SubmissionsOnly = b; },
    };

    public static IEnumerable<string> Keys => Setters.Keys;

    /// <summary>Applies every field of <paramref name="update"/>, or none; the error names the bad field.</summary>
    public static string? TryApply(JsonObject update, SimulatorOptions options)
    {
        var changes = new List<Apply>();
        foreach (var (key, value) in update)
        {
            if (!Setters.TryGetValue(key, out var setter))
            {
                return $"unknown setting '{key}'; known: {string.Join(", ", Setters.Keys)}";
            }

            try
            {
                changes.Add(setter(value));
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or OverflowException)
            {
                return $"bad value for '{key}': {ex.Message}";
            }
        }

        foreach (var change in changes)
        {
            change(options);
        }

        return null;
    }

    public static JsonObject ToJson(SimulatorOptions options) => new()
    {
        ["reviewMs"] = options.ReviewTime.TotalMilliseconds,
        ["latencyMs"] = options.Latency.TotalMilliseconds,
        ["failMarker"] = options.FailMarker,
        ["tokenLifetimeSec"] = options.TokenLifetime.TotalSeconds,
        ["taskLatencyMs"] = options.TaskLatency.TotalMilliseconds,
        ["videoMs"] = options.VideoTime.TotalMilliseconds,
        ["videoLinkLifetimeSec"] = options.VideoLinkLifetime.TotalSeconds,
        ["videoFileBytes"] = options.VideoFileBytes,
        ["breakDownloads"] = options.BreakDownloads,
        ["fileDripMs"] = options.VideoFileDrip.TotalMilliseconds,
        ["fileEndless"] = options.VideoFileEndless,
        ["fileRedirect"] = options.VideoFileRedirect,
        ["step2Shape"] = options.Step2Shape.ToString(),
        ["apiMartErrorStyle"] = options.ApiMartErrorStyle.ToString(),
        ["maxBatchStatusIds"] = options.MaxBatchStatusIds,
        ["maxCreatesInFlight"] = options.MaxCreatesInFlight,
        ["seed"] = options.Faults.Seed,
        ["fault500"] = options.Faults.Http500Rate,
        ["fault429"] = options.Faults.Http429Rate,
        ["fault502"] = options.Faults.Http502Rate,
        ["fault503"] = options.Faults.Http503Rate,
        ["fault504"] = options.Faults.Http504Rate,
        ["faultDropBefore"] = options.Faults.DropBeforeRate,
        ["faultDropAfter"] = options.Faults.DropAfterRate,
        ["faultTruncate"] = options.Faults.TruncateRate,
        ["faultHtml"] = options.Faults.HtmlRate,
        ["faultHuge"] = options.Faults.HugeBodyRate,
        ["faultSlow"] = options.Faults.SlowRate,
        ["slowMs"] = options.Faults.SlowDelay.TotalMilliseconds,
        ["retryAfter"] = options.Faults.RetryAfter,
        ["submissionsOnly"] = options.Faults.SubmissionsOnly,
    };

    private static double Number(JsonNode? value)
    {
        var number = value?.GetValueKind() == JsonValueKind.Number
            ? value.GetValue<double>()
            : throw new FormatException("expected a number");
        return number >= 0 && double.IsFinite(number) ? number : throw new ArgumentException("expected a number >= 0");
    }

    private static TimeSpan Milliseconds(JsonNode? value) => TimeSpan.FromMilliseconds(Number(value));

    private static double Rate(JsonNode? value)
    {
        var rate = Number(value);
        return rate <= 1 ? rate : throw new ArgumentException("expected a rate between 0 and 1");
    }

    private static bool Flag(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException("expected true or false"),
    };

    private static string? Text(JsonNode? value, bool allowNull) => value switch
    {
        null when allowNull => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new FormatException("expected a string"),
    };

    private static T Choice<T>(JsonNode? value) where T : struct, Enum =>
        Enum.TryParse<T>(Text(value, allowNull: false)?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var choice)
        && Enum.IsDefined(choice)
            ? choice
            : throw new FormatException($"expected one of {string.Join(", ", Enum.GetNames<T>())}");
}
