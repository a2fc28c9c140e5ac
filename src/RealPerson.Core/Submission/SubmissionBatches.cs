using System;
using System.Collections.Generic;
using RealPerson.Vendors;

namespace RealPerson.Submission;

/// <summary>
/// Gathers inputs that may share one request (the vendor's batch key) until the request is full;
/// what is left is sent when the input goes quiet or ends. Inputs a vendor takes one at a time go at once.
/// </summary>
internal sealed class SubmissionBatches
{
    private readonly Dictionary<string, List<PendingSubmission>> open = new(StringComparer.Ordinal);

    public bool Any => open.Count > 0;

    /// <summary>Adds an input; returns a batch ready to send (full, or one whose vendor takes one at a time), or null.</summary>
    public IReadOnlyList<PendingSubmission>? Add(PendingSubmission pending, ISubmissionApi api)
    {
        if (api.MaxPerRequest <= 1)
        {
            return new[] { pending };
        }

        var key = pending.Item.Provider + "\n" + api.BatchKey(pending.Item);
        if (!open.TryGetValue(key, out var batch))
        {
            open[key] = batch = new List<PendingSubmission>();
        }

        batch.Add(pending);
        if (batch.Count < api.MaxPerRequest)
        {
            return null;
        }

        open.Remove(key);
        return batch;
    }

    /// <summary>Every batch gathered so far, to send now.</summary>
    public IReadOnlyList<IReadOnlyList<PendingSubmission>> TakeAll()
    {
        var all = new List<IReadOnlyList<PendingSubmission>>(open.Values);
        open.Clear();
        return all;
    }
}
