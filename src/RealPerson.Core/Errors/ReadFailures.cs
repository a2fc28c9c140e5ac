namespace RealPerson;

/// <summary>
/// How a failed status read is taken by every wait and refresh: some failures will be the same
/// however often the read is repeated (the key, the balance, a base URL that is not allowed), so
/// each item comes out now as last known; "not found" may be a vendor lagging behind its own
/// create; anything else is asked again at the next poll.
/// </summary>
public static class ReadFailures
{
    public static bool AskingAgainWillNotHelp(RealPersonException e) =>
        e.ErrorId == ErrorIds.VendorUnauthorized ||
        e.ErrorId == ErrorIds.VendorInsufficientBalance ||
        e.ErrorId == ErrorIds.MissingApiKey ||
        e.ErrorId == ErrorIds.InvalidBaseUrl ||
        e.ErrorId == ErrorIds.InsecureBaseUrl;

    public static bool IsNotFound(RealPersonException e) =>
        e.ErrorId == ErrorIds.AssetNotFound || e.ErrorId == ErrorIds.TaskNotFound;
}
