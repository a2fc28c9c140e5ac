using System;
using System.Collections.Generic;
using System.Linq;

namespace RealPerson.Ledger;

/// <summary>
/// APIMart liveness verifications in the ledger, so that one interrupted (Ctrl+C, a closed window)
/// can be resumed by its TaskId. The record keeps the task, project, status, group and times;
/// never the token or the H5 link (which holds the token).
/// </summary>
public static class VerificationRecords
{
    public static LedgerRecord From(AvatarVerification verification, string? endpoint) => new()
    {
        Event = LedgerEvent.Verification,
        Provider = Provider.APIMart.ToString(),
        TaskId = verification.TaskId,
        ProjectName = verification.ProjectName,
        Status = verification.Status.ToString(),
        GroupId = verification.GroupId,
        ExpiresAt = verification.ExpiresAt,
        Endpoint = endpoint,
    };

    /// <summary>The latest state of each verification, newest first.</summary>
    public static IReadOnlyList<AvatarVerification> Fold(IEnumerable<LedgerRecord> records)
    {
        var byTask = new Dictionary<string, (AvatarVerification Verification, DateTimeOffset Updated)>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record.Event != LedgerEvent.Verification || record.TaskId is null)
            {
                continue;
            }

            if (!byTask.TryGetValue(record.TaskId, out var known))
            {
                known = (new AvatarVerification { TaskId = record.TaskId }, record.Timestamp);
            }

            var v = known.Verification;
            v.ProjectName = record.ProjectName ?? v.ProjectName;
            v.GroupId = record.GroupId ?? v.GroupId;
            v.ExpiresAt = record.ExpiresAt ?? v.ExpiresAt;
            if (Enum.TryParse<VerificationStatus>(record.Status, ignoreCase: true, out var status))
            {
                v.Status = status;
            }

            byTask[record.TaskId] = (v, record.Timestamp);
        }

        return byTask.Values.OrderByDescending(x => x.Updated).Select(x => x.Verification).ToList();
    }
}
