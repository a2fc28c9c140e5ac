namespace RealPerson.Waiting;

/// <summary>Combines what a read learned with what was already known (the vendor does not echo everything).</summary>
public static class AssetMerge
{
    public static Asset Refresh(Asset known, Asset fresh)
    {
        var merged = fresh.Clone();
        merged.SubmissionId = known.SubmissionId;
        // The input's name and url, as submitted, stay: the ledger matches repeats on them.
        merged.Name = known.Name ?? fresh.Name;
        merged.Url = known.Url ?? fresh.Url;
        merged.GroupId ??= known.GroupId;
        merged.TaskId ??= known.TaskId;
        merged.TaskIndex ??= known.TaskIndex;
        merged.ProjectName ??= known.ProjectName;
        merged.AssetType ??= known.AssetType;
        merged.CreatedAt ??= known.CreatedAt;
        merged.OfficialId ??= known.OfficialId;
        merged.Endpoint ??= known.Endpoint;
        merged.Account ??= known.Account;
        return merged;
    }
}
