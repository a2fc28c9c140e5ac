namespace RealPerson.Simulator;

/// <summary>
/// One vendor call: the name it is counted under, whether it is a (charged) submission,
/// and the handler that processes it.
/// </summary>
internal sealed record VendorOperation(
    string RouteName,
    VendorProvider Provider,
    bool IsSubmission,
    Func<VendorRequest, VendorAnswer> Handle);
