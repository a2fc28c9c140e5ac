namespace RealPerson.Simulator;

/// <summary>
/// One H5 liveness session (APIMart step 1). The token is issued when the session task
/// completes and expires a token lifetime later unless the person passed or refused first;
/// the first decision wins. Mutated only under <see cref="ApiMartStore"/>'s lock.
/// </summary>
internal sealed class Verification(string token, string projectName, string callbackUrl, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
{
    public string Token { get; } = token;
    public string ProjectName { get; } = projectName;
    public string CallbackUrl { get; } = callbackUrl;
    public DateTimeOffset IssuedAt { get; } = issuedAt;
    public DateTimeOffset ExpiresAt { get; } = expiresAt;
    public bool? Passed { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? GroupId { get; private set; }

    /// <summary>The step-2 task for this token, made on the first task-shaped query.</summary>
    public string? ResultTaskId { get; set; }

    public VerificationPhase PhaseAt(DateTimeOffset now) => Passed switch
    {
        true => VerificationPhase.Passed,
        false => VerificationPhase.Refused,
        null => now >= ExpiresAt ? VerificationPhase.Expired : VerificationPhase.Waiting,
    };

    public VerificationActionResult Decide(bool pass, DateTimeOffset now)
    {
        switch (PhaseAt(now))
        {
            case VerificationPhase.Expired:
                return VerificationActionResult.Expired;
            case VerificationPhase.Passed or VerificationPhase.Refused:
                return VerificationActionResult.AlreadyUsed;
        }

        Passed = pass;
        DecidedAt = now;
        GroupId = pass ? Ids.New("grp_") : null;
        return VerificationActionResult.Done;
    }
}
