namespace RealPerson.Simulator;

/// <summary>The outcome of pressing Pass or Refuse on a verification.</summary>
internal enum VerificationActionResult
{
    Done,
    Unknown,
    Expired,
    AlreadyUsed,
}
