namespace RealPerson.Ledger.Claims;

/// <summary>What became of a claim.</summary>
public enum ClaimVerdict
{
    /// <summary>This run holds the claim, and its intent is journaled: send it.</summary>
    Won,

    /// <summary>An earlier request makes sending this one a second payment: answer with it instead.</summary>
    Earlier,

    /// <summary>Another live run is sending it now: wait for its answer.</summary>
    Held,
}

/// <summary>A claim's verdict, with the earlier request (Earlier) or the holder's request id (Held).</summary>
public sealed class ClaimResult
{
    private ClaimResult(ClaimVerdict verdict, object? earlier, string? heldBy)
    {
        Verdict = verdict;
        Earlier = earlier;
        HeldBy = heldBy;
    }

    public static ClaimResult Won { get; } = new(ClaimVerdict.Won, null, null);

    public ClaimVerdict Verdict { get; }

    /// <summary>The earlier asset or video (Earlier).</summary>
    public object? Earlier { get; }

    /// <summary>The submission id of the request another run is sending (Held).</summary>
    public string? HeldBy { get; }

    public static ClaimResult EarlierOne(object earlier) => new(ClaimVerdict.Earlier, earlier, null);

    public static ClaimResult HeldElsewhere(string submissionId) => new(ClaimVerdict.Held, null, submissionId);
}
