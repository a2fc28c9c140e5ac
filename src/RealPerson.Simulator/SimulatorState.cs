namespace RealPerson.Simulator;

/// <summary>
/// The simulator's live state: knobs, call and fault counters, what was submitted, and
/// handles to act as the person on the H5 page. Thread-safe.
/// </summary>
public sealed class SimulatorState
{
    internal SimulatorState(SimulatorOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        FaultDecider = new FaultDecider(options.Faults.Seed);
    }

    /// <summary>The knobs; they may be changed while the simulator runs.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>How many times a vendor route was called, faulted calls included.</summary>
    /// <param name="route">"jimmy.submit", "jimmy.status", "jimmy.batch-status", "apimart.create-verification",
    /// "apimart.query-verification", "apimart.submit-assets" or "apimart.task".</param>
    public int Calls(string route) => CallCounter.Get(route);

    /// <summary>Calls per route; every route is listed, uncalled ones as zero.</summary>
    public IReadOnlyDictionary<string, int> CallCounts => CallCounter.Snapshot();

    /// <summary>How many faults of a kind were injected.</summary>
    /// <param name="kind">"500", "429", "502", "503", "504", "drop-before", "drop-after", "truncate", "html" or "slow".</param>
    public int FaultsInjected(string kind) => FaultCounter.Get(kind);

    /// <summary>Faults per kind; every kind is listed, uninjected ones as zero.</summary>
    public IReadOnlyDictionary<string, int> FaultCounts => FaultCounter.Snapshot();

    /// <summary>How many times each (provider "JimmyAI"/"APIMart", name, url) was accepted and charged.</summary>
    public IReadOnlyDictionary<(string Provider, string Name, string Url), int> ProcessedSubmissions => Submissions.Snapshot();

    /// <summary>How many times each (provider, prompt) video was accepted and charged.</summary>
    public IReadOnlyDictionary<(string Provider, string Prompt), int> ProcessedVideos => Videos.Charged();

    /// <summary>How many file downloads arrived with an Authorization header (the key must never go to the file host).</summary>
    public int FileRequestsWithAuthorization => _fileRequestsWithAuthorization;

    /// <summary>How many creates were answered 429 because their account had <see cref="SimulatorOptions.MaxCreatesInFlight"/> in flight.</summary>
    public int CreatesOverLimit => CreatesInFlight.Refused;

    /// <summary>How many file downloads were asked for.</summary>
    public int FileRequests => _fileRequests;

    internal void CountFileRequest(bool withAuthorization)
    {
        Interlocked.Increment(ref _fileRequests);
        if (withAuthorization)
        {
            Interlocked.Increment(ref _fileRequestsWithAuthorization);
        }
    }

    private int _fileRequests;
    private int _fileRequestsWithAuthorization;

    /// <summary>Presses the H5 page's Pass button; false if the token is unknown, expired or already used.</summary>
    public bool PassVerification(string bytedToken) =>
        ApiMart.DecideVerification(bytedToken, pass: true, Now).Result == VerificationActionResult.Done;

    /// <summary>Presses the H5 page's Refuse button; false if the token is unknown, expired or already used.</summary>
    public bool RefuseVerification(string bytedToken) =>
        ApiMart.DecideVerification(bytedToken, pass: false, Now).Result == VerificationActionResult.Done;

    /// <summary>Tokens whose person has not yet passed or refused (and not expired), oldest first.</summary>
    public IReadOnlyList<string> WaitingVerificationTokens =>
        ApiMart.ListVerifications(Now).Where(v => v.Phase == VerificationPhase.Waiting).Select(v => v.Token).ToList();

    /// <summary>Cancels an unfinished APIMart task; false if it is unknown or already finished.</summary>
    public bool CancelTask(string taskId) => ApiMart.CancelTask(taskId, Now) == TaskCancelResult.Cancelled;

    /// <summary>Forgets counters, submissions, assets, verifications and tasks, and restarts the fault sequence. Knobs stay.</summary>
    public void Reset()
    {
        CallCounter.Clear();
        FaultCounter.Clear();
        Submissions.Clear();
        JimmyAssets.Clear();
        ApiMart.Clear();
        Videos.Clear();
        CreatesInFlight.Clear();
        _fileRequests = 0;
        _fileRequestsWithAuthorization = 0;
        FaultDecider.Reseed(Options.Faults.Seed);
    }

    internal TimeProvider Time { get; }

    internal DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Where the simulator listens; set once it started (H5 links point here).</summary>
    internal Uri BaseUri { get; set; } = new("http://127.0.0.1/");

    internal NamedCounter CallCounter { get; } = new(RouteNames.All);

    internal NamedCounter FaultCounter { get; } = new(FaultKinds.All);

    internal FaultDecider FaultDecider { get; }

    internal SubmissionLedger Submissions { get; } = new();

    internal JimmyAssetStore JimmyAssets { get; } = new();

    internal ApiMartStore ApiMart { get; } = new();

    internal VideoStore Videos { get; } = new();

    internal CreatesInFlight CreatesInFlight { get; } = new();
}
