namespace RealPerson.Reporting;

/// <summary>
/// How a message names an asset or a video: by the first thing known of it (a video whose create's
/// answer was lost has no task id, but its request id and prompt), never by an empty id, and never
/// with control characters.
/// </summary>
public static class MessageNames
{
    public const string NoId = "(no id)";

    private const int MaxPromptChars = 40;

    /// <summary><c>'name'</c>, else <c>'asset id'</c>, else <c>'task id'</c>, else <see cref="NoId"/>.</summary>
    public static string Of(Asset asset) =>
        FirstOf(asset.Name, asset.AssetId, asset.TaskId) is { } known ? $"'{known}'" : NoId;

    /// <summary>The task id, else <c>request {id}</c>, else <c>'prompt…'</c>, else <see cref="NoId"/>.</summary>
    public static string Of(Video video) =>
        FirstOf(video.TaskId) ?? (FirstOf(video.RequestId) is { } request ? "request " + request
            : FirstOf(video.Prompt) is { } prompt ? $"'{Shorten(prompt)}'"
            : NoId);

    /// <summary>An id as a message shows it: itself, or <see cref="NoId"/> when there is none.</summary>
    public static string Of(string? id) => FirstOf(id) ?? NoId;

    private static string? FirstOf(params string?[] values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                // A value may have come from a CSV or a vendor: shown without its control characters.
                return Json.VendorText.Inert(value);
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= MaxPromptChars ? text : text.Substring(0, MaxPromptChars - 1) + "…";
}
