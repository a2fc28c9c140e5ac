namespace RealPerson.Verification;

/// <summary>What a wait on a liveness session waits for.</summary>
public enum VerificationGoal
{
    /// <summary>The session's link and token (the step-1 task has finished).</summary>
    Link,

    /// <summary>The person's check: passed (the group is known), refused, or expired.</summary>
    Pass,
}
