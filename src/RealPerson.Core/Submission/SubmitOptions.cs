namespace RealPerson.Submission;

/// <summary>How a submission run behaves.</summary>
public sealed class SubmitOptions
{
    /// <summary>Upstream allows about 30 create calls in flight per account.</summary>
    public const int MaxThrottleLimit = 30;

    /// <summary>The cap by default is the vendor's limit; the pace is set by the vendor's answers (see AccountConcurrency).</summary>
    public const int DefaultThrottleLimit = MaxThrottleLimit;

    /// <summary>The most requests this run may have in flight at once (a cap, not the pace).</summary>
    public int ThrottleLimit { get; init; } = DefaultThrottleLimit;

    /// <summary>An APIMart batch short of 20 is sent once the input has been quiet this long.</summary>
    public System.TimeSpan BatchWindow { get; init; } = System.TimeSpan.FromSeconds(2);

    /// <summary>The clock the batch window is counted on.</summary>
    public System.TimeProvider Time { get; init; } = System.TimeProvider.System;

    /// <summary>Submit even what the ledger says was already submitted.</summary>
    public bool Force { get; init; }

    /// <summary>Checks each input's file before it is sent (-Preflight); null sends without looking.</summary>
    public Preflight.PreflightChecker? Preflight { get; init; }

    /// <summary>What the ledger already holds, when the caller has read it (else the submitter reads it).</summary>
    public KnownSubmissions? Known { get; init; }
}
