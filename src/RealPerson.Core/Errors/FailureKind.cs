namespace RealPerson;

/// <summary>What a failure means for the work it happened to (see <see cref="Failures.Classify"/>).</summary>
public enum FailureKind
{
    /// <summary>Asking again may well work (a read: at the next poll).</summary>
    Transient,

    /// <summary>A paid request may have arrived, and its answer was lost: never sent again blindly.</summary>
    OutcomeUnknown,

    /// <summary>This item cannot go on (refused, not found, invalid); the others can.</summary>
    FatalForItem,

    /// <summary>Every other item would fail the same way (the key, the balance, the endpoint): stop.</summary>
    FatalForRun,
}
