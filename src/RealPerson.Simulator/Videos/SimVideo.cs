using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// One video generation. Its course is fixed when it is created (when it starts, when it ends, and
/// whether it fails), and its state is read off the clock, so nothing runs in the background.
/// </summary>
internal sealed record SimVideo(
    string Id,
    VendorProvider Provider,
    string Model,
    string Prompt,
    IReadOnlyList<string> References,
    int DurationSec,
    string Resolution,
    DateTimeOffset CreatedAt,
    DateTimeOffset StartsAt,
    DateTimeOffset DoneAt,
    TimeSpan LinkLifetime,
    bool Fails)
{
    public const string FailureReason = "InvalidParameter: the generation was refused by content review";

    /// <summary>The vendors' words: queued, processing, completed, failed.</summary>
    public string StatusAt(DateTimeOffset now) =>
        now < StartsAt ? "queued" : now < DoneAt ? "processing" : Fails ? "failed" : "completed";

    public int ProgressAt(DateTimeOffset now)
    {
        if (now < StartsAt)
        {
            return 0;
        }

        if (now >= DoneAt)
        {
            return 100;
        }

        var share = (now - StartsAt) / (DoneAt - StartsAt);
        return Math.Clamp(1 + (int)(98 * share), 1, 99);
    }

    public DateTimeOffset ExpiresAt => DoneAt + LinkLifetime;

    /// <summary>The signed file link: no key needed, good until <see cref="ExpiresAt"/>.</summary>
    public string FileUrl(Uri baseUri) =>
        new Uri(baseUri, $"files/videos/{Id}.mp4?expires={ExpiresAt.ToUnixTimeSeconds()}&sig={Signature}").AbsoluteUri;

    public string Signature => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("sim-file-" + Id)))[..32];
}
