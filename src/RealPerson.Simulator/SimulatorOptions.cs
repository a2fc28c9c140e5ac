namespace RealPerson.Simulator;

/// <summary>
/// The simulator's knobs. Every property may be changed while the simulator runs;
/// each request reads the current values, and time-based ones are captured when a
/// submission or task is created so that later changes do not rewrite its history.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>The Jimmy AI test key the simulator accepts.</summary>
    public const string JimmyApiKey = "sk_test_jimmy";

    /// <summary>A second Jimmy AI test key: another account on the same endpoint.</summary>
    public const string JimmySecondApiKey = "sk_test_jimmy_2";

    /// <summary>The APIMart test key the simulator accepts.</summary>
    public const string ApiMartApiKey = "test-apimart-key";

    /// <summary>A second APIMart test key: another account on the same endpoint.</summary>
    public const string ApiMartSecondApiKey = "test-apimart-key-2";

    /// <summary>Delay added to every vendor answer.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Time from a submission until its assets are Active or Failed.</summary>
    public TimeSpan ReviewTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An asset whose name contains this (ordinal, case-insensitive) fails review; empty means none fails.</summary>
    public string FailMarker { get; set; } = "fail";

    /// <summary>How long an APIMart byted_token / h5_link stays valid after its task completes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long an APIMart verification-session task stays pending.</summary>
    public TimeSpan TaskLatency { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The (undocumented) answer shape of APIMart step 2.</summary>
    public Step2Shape Step2Shape { get; set; } = Step2Shape.Task;

    /// <summary>How APIMart reports request errors other than a bad key.</summary>
    public ApiMartErrorStyle ApiMartErrorStyle { get; set; } = ApiMartErrorStyle.HttpError;

    /// <summary>
    /// The most paid creates (submissions, video creates) one account (API key) may have in flight:
    /// beyond it, the vendor answers 429 at once, as upstream does beyond 30. Zero: no limit.
    /// </summary>
    public int MaxCreatesInFlight { get; set; }

    /// <summary>The most ids one Jimmy batch-status request may carry.</summary>
    public int MaxBatchStatusIds { get; set; } = 100;

    /// <summary>How long a video takes from its create until it is completed or failed (a prompt with <see cref="FailMarker"/> fails).</summary>
    public TimeSpan VideoTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a finished video's file link works (the vendors say 3 days).</summary>
    public TimeSpan VideoLinkLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The size of a video file's media part, in bytes.</summary>
    public int VideoFileBytes { get; set; } = 256 * 1024;

    /// <summary>The next this-many file downloads break off halfway (the connection is cut).</summary>
    public int BreakDownloads { get; set; }

    /// <summary>A hostile file host: each file is sent one byte per this long (zero: at once).</summary>
    public TimeSpan VideoFileDrip { get; set; } = TimeSpan.Zero;

    /// <summary>A hostile file host: each file is a chunked body that never ends.</summary>
    public bool VideoFileEndless { get; set; }

    /// <summary>A hostile file host: each file request is answered with a 302 to this URL (null: none).</summary>
    public string? VideoFileRedirect { get; set; }

    /// <summary>Injected transport and server faults; none by default.</summary>
    public FaultOptions Faults { get; set; } = new();
}
