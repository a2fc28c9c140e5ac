namespace RealPerson.Json;

/// <summary>Reads a vendor's asset status word, accepting the documented words in any case and common synonyms.</summary>
public static class StatusText
{
    public static AssetStatus? Parse(string? text)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "processing":
            case "pending":
            case "queued":
            case "reviewing":
            case "in_progress":
            case "running":
                return AssetStatus.Processing;
            case "active":
            case "approved":
            case "passed":
            case "success":
            case "succeeded":
                return AssetStatus.Active;
            case "failed":
            case "failure":
            case "rejected":
            case "refused":
            case "error":
                return AssetStatus.Failed;
            default:
                return null;
        }
    }
}
