using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RealPerson.Http;

/// <summary>
/// A vendor's own error codes that say more than a refusal (a refused key, an empty balance, a
/// rate limit), each with the ErrorId it means: one table per vendor, in its folder, listing only
/// codes that vendor documents or is seen to send. A code not listed means only what its HTTP
/// status means (<see cref="ResponseClassifier.ErrorIdOf(int, string?, VendorCodes)"/>); nothing is
/// guessed from the words in a code.
/// </summary>
public sealed class VendorCodes
{
    /// <summary>The ErrorIds a vendor's code may mean; anything else is its HTTP status's to say.</summary>
    public static readonly IReadOnlyCollection<string> Meanings = new[]
    {
        ErrorIds.VendorUnauthorized,
        ErrorIds.VendorInsufficientBalance,
        ErrorIds.VendorRateLimited,
    };

    /// <summary>No code says more than its status.</summary>
    public static readonly VendorCodes None = new(new Dictionary<string, string>());

    private readonly Dictionary<string, string> errorIds;

    public VendorCodes(IEnumerable<KeyValuePair<string, string>> errorIdsByCode)
    {
        errorIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in errorIdsByCode)
        {
            if (!((ICollection<string>)Meanings).Contains(entry.Value))
            {
                throw new ArgumentException($"A vendor's code '{entry.Key}' cannot mean {entry.Value}.", nameof(errorIdsByCode));
            }

            errorIds.Add(entry.Key, entry.Value);
        }
    }

    /// <summary>
    /// Codes that are the number of a status refusing the key, the balance or the pace (401, 402,
    /// 403, 429), meaning what that status means: for a vendor whose answers carry them as codes.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> StatusNumbers =>
        new[] { 401, 402, 403, 429 }.Select(status => new KeyValuePair<string, string>(
            status.ToString(CultureInfo.InvariantCulture), ResponseClassifier.ErrorIdOf(status)!));

    /// <summary>Every code in the table, with its ErrorId.</summary>
    public IReadOnlyDictionary<string, string> Table => errorIds;

    /// <summary>What <paramref name="code"/> means (compared without case or surrounding space); null when the table does not list it.</summary>
    public string? ErrorIdOf(string? code) =>
        code != null && errorIds.TryGetValue(code.Trim(), out var errorId) ? errorId : null;
}
