using System;

namespace RealPerson.Jimmy;

/// <summary>Jimmy AI documents no error codes, so a few answers are recognised by their words.</summary>
internal static class JimmyMessages
{
    public static bool SaysNotFound(string? message) =>
        message != null && (message.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0 ||
                            message.IndexOf("not exist", StringComparison.OrdinalIgnoreCase) >= 0 ||
                            message.IndexOf("no such", StringComparison.OrdinalIgnoreCase) >= 0);
}
