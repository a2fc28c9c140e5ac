namespace RealPerson;

/// <summary>
/// Failures that would be the same for every other input of the run: a key the vendor refuses,
/// an account without balance, a vendor that cannot be reached at all. The first one stops the
/// run, so nothing more is sent and no input is blamed for what is the account's or the network's fault.
/// </summary>
public static class RunStoppingFailures
{
    public static bool StopsTheRun(RealPersonException e) =>
        e.ErrorId == ErrorIds.VendorUnauthorized ||
        e.ErrorId == ErrorIds.VendorInsufficientBalance ||
        e.ErrorId == ErrorIds.NetworkError;
}
