using System;

namespace RealPerson.Http;

/// <summary>Removes a secret from any text that could reach a stream, an exception or a file.</summary>
public sealed class Redactor
{
    public const string Mask = "***";

    private readonly string? secret;

    public Redactor(string? secret)
    {
        // Very short "secrets" would mask ordinary words; a real key is never that short.
        this.secret = string.IsNullOrEmpty(secret) || secret!.Length < 4 ? null : secret;
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || secret is null)
        {
            return text ?? string.Empty;
        }

        return text!.IndexOf(secret, StringComparison.Ordinal) < 0 ? text : text.Replace(secret, Mask);
    }
}
