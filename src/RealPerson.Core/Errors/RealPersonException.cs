using System;

namespace RealPerson;

/// <summary>
/// Every failure the engine raises: a stable <see cref="ErrorId"/>, a category, and the
/// vendor's own message first in <see cref="Exception.Message"/>. Messages never hold an API key.
/// </summary>
public class RealPersonException : Exception
{
    public RealPersonException(string errorId, FailureCategory category, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Category = category;
    }

    public string ErrorId { get; }

    public FailureCategory Category { get; }

    /// <summary>The vendor's error code (<c>code</c>), where it gave one.</summary>
    public string? VendorCode { get; init; }

    /// <summary>The vendor's error text (<c>msg</c> / <c>message</c>), where it gave one.</summary>
    public string? VendorMessage { get; init; }

    /// <summary>The HTTP status of the answer, where there was one.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>What the user can do about it, for the ErrorRecord's recommended action.</summary>
    public string? RecommendedAction { get; init; }
}
