using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RealPerson.Ledger;
using RealPerson.Vendors;

namespace RealPerson.Submission;

/// <summary>
/// The inputs this run sent, by what makes two the same (<see cref="DedupeKeys"/>), so a
/// repeat later in the input is answered with the first copy's asset and never sent again (-Force
/// included). While the first copy is being sent a repeat waits for its result; once it has one, only
/// its submission id is kept (the ledger has the asset), so a run of 100,000 rows keeps ids, not assets.
/// </summary>
internal sealed class RunInputs
{
    private readonly AssetLedger? ledger;
    private readonly object gate = new();
    private readonly Dictionary<string, Task<Asset?>> sending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> sent = new(StringComparer.Ordinal);

    public RunInputs(AssetLedger? ledger) => this.ledger = ledger;

    /// <summary>An input now being sent; its result is its repeats' answer.</summary>
    public void Sending(string key, Task<Asset?> result)
    {
        lock (gate)
        {
            sending[key] = result;
        }

        if (ledger is null)
        {
            // Nowhere to find the asset again: the result is kept as it is.
            return;
        }

        result.ContinueWith(
            t =>
            {
                lock (gate)
                {
                    sending.Remove(key);
                    sent[key] = t.Status == TaskStatus.RanToCompletion ? t.Result?.SubmissionId : null;
                }
            },
            TaskScheduler.Default);
    }

    /// <summary>The first copy's result when this input was sent earlier in this run (read back from the ledger once it is done); null when it was not.</summary>
    public Task<Asset?>? FirstCopy(SubmitItem item)
    {
        var key = DedupeKeys.For(item);
        string? submission;
        lock (gate)
        {
            if (sending.TryGetValue(key, out var inFlight))
            {
                return inFlight;
            }

            if (!sent.TryGetValue(key, out submission))
            {
                return null;
            }
        }

        return submission is null ? Task.FromResult<Asset?>(null) : ReadBackAsync(item, submission);
    }

    private async Task<Asset?> ReadBackAsync(SubmitItem item, string submission) =>
        KnownSubmissions.QueryFor(item) is { } query
            ? (await ledger!.FindAssetsAsync(query).ConfigureAwait(false)).FirstOrDefault(a => a.SubmissionId == submission)
            : null;
}
