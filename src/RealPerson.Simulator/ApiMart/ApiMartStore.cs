using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// APIMart's verifications, tasks and handed-out group ids. One lock guards them all,
/// because a pass touches a verification, a group and the task that reports it.
/// </summary>
internal sealed class ApiMartStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Verification> _verifications = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimTask> _tasks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _passedGroups = new(StringComparer.Ordinal);

    /// <summary>Step 1: a new session and the task that hands out its token and H5 link.</summary>
    public SimTask CreateVerification(
        string projectName, string callbackUrl, DateTimeOffset now, TimeSpan taskLatency, TimeSpan tokenLifetime, Uri baseUri)
    {
        var token = Ids.New("bt_", 24);
        var issuedAt = now + taskLatency;
        var verification = new Verification(token, projectName, callbackUrl, issuedAt, issuedAt + tokenLifetime);
        var task = new VerificationSessionTask(Ids.New("task_", 24), now, verification, new Uri(baseUri, $"h5/{token}"));
        lock (_gate)
        {
            _verifications[token] = verification;
            _tasks[task.Id] = task;
        }

        return task;
    }

    /// <summary>Step 2, direct shapes: the verification's phase and group id, or null for an unknown token.</summary>
    public (VerificationPhase Phase, string? GroupId)? QueryVerification(string token, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _verifications.TryGetValue(token, out var verification)
                ? (verification.PhaseAt(now), verification.GroupId)
                : null;
        }
    }

    /// <summary>Step 2, task shapes: the one task of this token (made on the first query) as JSON, or null for an unknown token.</summary>
    public JsonObject? QueryVerificationTask(string token, bool rawResponse, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_verifications.TryGetValue(token, out var verification))
            {
                return null;
            }

            if (verification.ResultTaskId is null)
            {
                var task = new VerificationResultTask(Ids.New("task_", 24), now, verification, rawResponse);
                _tasks[task.Id] = task;
                verification.ResultTaskId = task.Id;
            }

            return _tasks[verification.ResultTaskId].ToJson(now);
        }
    }

    /// <summary>Every verification and its phase, newest last, so a test can find the token a command is waiting on.</summary>
    public IReadOnlyList<(string Token, VerificationPhase Phase, DateTimeOffset ExpiresAt)> ListVerifications(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _verifications.Values.OrderBy(v => v.IssuedAt).Select(v => (v.Token, v.PhaseAt(now), v.ExpiresAt)).ToList();
        }
    }

    /// <summary>The H5 page's view of a token: its project and phase, or null when unknown.</summary>
    public (string ProjectName, VerificationPhase Phase)? DescribeVerification(string token, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _verifications.TryGetValue(token, out var verification)
                ? (verification.ProjectName, verification.PhaseAt(now))
                : null;
        }
    }

    public (VerificationActionResult Result, string? GroupId) DecideVerification(string token, bool pass, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_verifications.TryGetValue(token, out var verification))
            {
                return (VerificationActionResult.Unknown, null);
            }

            var result = verification.Decide(pass, now);
            if (result == VerificationActionResult.Done && verification.GroupId is { } groupId)
            {
                _passedGroups.Add(groupId);
            }

            return (result, verification.GroupId);
        }
    }

    public bool IsPassedGroup(string groupId)
    {
        lock (_gate)
        {
            return _passedGroups.Contains(groupId);
        }
    }

    /// <summary>Step 3: a review task for the batch.</summary>
    public SimTask CreateAssetReview(
        IReadOnlyList<ReviewedAsset> assets, DateTimeOffset now, TimeSpan taskLatency, TimeSpan reviewTime)
    {
        var pendingFor = taskLatency < reviewTime ? taskLatency : reviewTime;
        var task = new AssetReviewTask(Ids.New("task_", 24), now, now + pendingFor, now + reviewTime, assets);
        lock (_gate)
        {
            _tasks[task.Id] = task;
        }

        return task;
    }

    /// <summary>Adds a task made elsewhere (a video generation), read like every other task.</summary>
    public void AddTask(SimTask task)
    {
        lock (_gate)
        {
            _tasks[task.Id] = task;
        }
    }

    /// <summary>Whether a finished review approved this asset (the asset:// references a video may use).</summary>
    public bool IsUsableAsset(string assetId, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _tasks.Values.OfType<AssetReviewTask>().Any(t => t.Approved(assetId, now));
        }
    }

    public JsonObject? ObserveTask(string taskId, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _tasks.TryGetValue(taskId, out var task) ? task.ToJson(now) : null;
        }
    }

    public string? TaskStatus(string taskId, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _tasks.TryGetValue(taskId, out var task) ? task.Observe(now).Status : null;
        }
    }

    public TaskCancelResult CancelTask(string taskId, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _tasks.TryGetValue(taskId, out var task) ? task.Cancel(now) : TaskCancelResult.Unknown;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _verifications.Clear();
            _tasks.Clear();
            _passedGroups.Clear();
        }
    }
}
