namespace RealPerson.Simulator;

/// <summary>
/// How many times each (provider, name, url) was accepted and charged; tests use it to
/// prove that retries never submit (and pay for) the same portrait twice.
/// </summary>
internal sealed class SubmissionLedger
{
    public const string JimmyProvider = "JimmyAI";
    public const string ApiMartProvider = "APIMart";

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Provider, string Name, string Url), int> _counts = [];

    public void Record(string provider, string name, string url)
    {
        lock (_gate)
        {
            var key = (provider, name, url);
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
        }
    }

    public IReadOnlyDictionary<(string Provider, string Name, string Url), int> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<(string Provider, string Name, string Url), int>(_counts);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _counts.Clear();
        }
    }
}
