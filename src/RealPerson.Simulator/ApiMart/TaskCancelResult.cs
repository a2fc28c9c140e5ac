namespace RealPerson.Simulator;

/// <summary>The outcome of cancelling an APIMart task.</summary>
internal enum TaskCancelResult
{
    Cancelled,
    Unknown,
    AlreadyFinished,
}
