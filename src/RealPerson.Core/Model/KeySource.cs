namespace RealPerson;

/// <summary>Where a command finds a provider's API key; the first that has one wins.</summary>
public enum KeySource
{
    /// <summary>No key anywhere: a command that talks to the vendor stops with MissingApiKey.</summary>
    None,

    /// <summary>The command's own -ApiKey.</summary>
    Parameter,

    /// <summary>Connect-RealPerson, in this runspace.</summary>
    Session,

    /// <summary>The provider's environment variable (JIMMYAI_API_KEY, APIMART_API_KEY).</summary>
    Environment,
}
