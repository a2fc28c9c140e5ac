namespace RealPerson;

/// <summary>
/// How commands reach one provider (PowerShell type name <c>RealPerson.Connection</c>, the output of
/// Get-RealPersonConnection and Connect-RealPerson -PassThru). It never holds a key or a password:
/// the key is named by where it came from and its account fingerprint, and any password in the
/// proxy or ledger location is masked.
/// </summary>
public sealed class Connection
{
    public Provider Provider { get; init; }

    /// <summary>The base URL requests go to, as assets carry it (no trailing slash).</summary>
    public string Endpoint { get; init; } = string.Empty;

    public KeySource KeySource { get; init; }

    /// <summary>The key's account: 16 hex digits of a hash, never the key; empty without a key.</summary>
    public string? Account { get; init; }

    /// <summary>The proxy requests go through (the session's -Proxy, else the system's for this endpoint); empty when direct.</summary>
    public string? Proxy { get; init; }

    /// <summary>Retries of a transient failure after the first try.</summary>
    public int MaxRetryCount { get; init; }

    /// <summary>No retry starts once this many seconds have passed since a request's first try.</summary>
    public int MaxRetrySec { get; init; }

    /// <summary>The ledger in use (-LedgerPath aside): REALPERSON_LEDGER, else the default; any password masked.</summary>
    public string Ledger { get; init; } = string.Empty;

    public override string ToString() => $"{Provider} at {Endpoint} (key: {KeySource})";
}
