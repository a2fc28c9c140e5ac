using System.Collections.Generic;

namespace RealPerson.Waiting;

/// <summary>
/// The outcome of one read, aligned with the assets asked about: for each, the refreshed asset(s), a
/// permanent failure, or neither (nothing learned this time; ask again).
/// </summary>
public sealed class StatusReadResult
{
    public StatusReadResult(int count)
    {
        Assets = new IReadOnlyList<Asset>?[count];
        Failures = new RealPersonException?[count];
    }

    /// <summary>Usually one asset; a whole-task entry (APIMart -TaskId) expands to every asset of its task once it ends.</summary>
    public IReadOnlyList<Asset>?[] Assets { get; }

    public RealPersonException?[] Failures { get; }
}
