namespace RealPerson.Simulator;

/// <summary>Where an H5 liveness verification stands at a given moment.</summary>
internal enum VerificationPhase
{
    Waiting,
    Passed,
    Refused,
    Expired,
}
