namespace RealPerson.Simulator;

/// <summary>
/// Fault rates (0..1) for vendor routes. A seeded random decides each request, so a
/// run's sequence of faults is reproducible for the same sequence of requests.
/// </summary>
public sealed class FaultOptions
{
    /// <summary>Seed of the random that decides faults; changing it restarts the sequence.</summary>
    public int Seed { get; set; }

    /// <summary>Answer HTTP 500 without processing the request.</summary>
    public double Http500Rate { get; set; }

    /// <summary>Answer HTTP 429 (with Retry-After) without processing the request.</summary>
    public double Http429Rate { get; set; }

    /// <summary>Answer HTTP 502 without processing the request.</summary>
    public double Http502Rate { get; set; }

    /// <summary>Answer HTTP 503 (with Retry-After) without processing the request.</summary>
    public double Http503Rate { get; set; }

    /// <summary>Answer HTTP 504 without processing the request.</summary>
    public double Http504Rate { get; set; }

    /// <summary>Retry-After value on 429/503 (seconds or an HTTP date); null sends no header.</summary>
    public string? RetryAfter { get; set; } = "1";

    /// <summary>Abort the connection without processing the request.</summary>
    public double DropBeforeRate { get; set; }

    /// <summary>Process the request (it is recorded and charged), then abort the connection unanswered.</summary>
    public double DropAfterRate { get; set; }

    /// <summary>Process the request, then send its JSON body cut in half.</summary>
    public double TruncateRate { get; set; }

    /// <summary>Answer 200 with an HTML page (a proxy or captive portal) without processing the request.</summary>
    public double HtmlRate { get; set; }

    /// <summary>Answer 200 with a JSON body of several MiB (larger than any client should buffer) without processing the request.</summary>
    public double HugeBodyRate { get; set; }

    /// <summary>Delay the answer by <see cref="SlowDelay"/>, then answer normally.</summary>
    public double SlowRate { get; set; }

    /// <summary>The delay of a slow answer.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Apply faults only to the submit routes (Jimmy submit, APIMart step 3).</summary>
    public bool SubmissionsOnly { get; set; }
}
