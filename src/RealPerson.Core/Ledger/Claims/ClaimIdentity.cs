using System.Security.Cryptography;
using System.Text;

namespace RealPerson.Ledger.Claims;

/// <summary>
/// A claim's identity as a short fixed-length key: the kind of request and a SHA-256 of what makes
/// two requests the same (portraits and prompts can be long; a key in an index should not be).
/// </summary>
public static class ClaimIdentity
{
    public const string Asset = "asset";
    public const string Video = "video";

    public static string Of(string kind, string sameness)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(sameness));
        var text = new StringBuilder(kind.Length + 1 + hash.Length * 2).Append(kind).Append(':');
        foreach (var b in hash)
        {
            text.Append(b.ToString("x2"));
        }

        return text.ToString();
    }
}
