using System.Security.Cryptography;

namespace RealPerson.Simulator;

/// <summary>Fresh random identifiers in the vendors' styles.</summary>
internal static class Ids
{
    public static string New(string prefix, int hexLength = 16) =>
        prefix + RandomNumberGenerator.GetHexString(hexLength, lowercase: true);
}
