using System;
using System.Security.Cryptography;
using System.Text;

namespace RealPerson.Connections;

/// <summary>
/// Names an account without its key: the first 16 hex digits of a SHA-256 of provider and key.
/// The ledger keeps it so that "already submitted" means "by this account", and never the key.
/// </summary>
internal static class AccountFingerprint
{
    public static string Of(Provider provider, string apiKey)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes("RealPerson account\n" + provider + "\n" + apiKey));
        return BitConverter.ToString(hash, 0, 8).Replace("-", string.Empty).ToLowerInvariant();
    }
}
