namespace RealPerson.Http;

/// <summary>What an HTTP status says by itself about the request it answers (see <see cref="ResponseClassifier"/>).</summary>
internal enum StatusClass
{
    /// <summary>2xx: the vendor answered; what it said is in the body.</summary>
    Success,

    /// <summary>408, 429, 503: the vendor says it did not act on the request, so even a paid one may be sent again.</summary>
    NotProcessed,

    /// <summary>502, 504: a gateway failed; the vendor behind it may have acted.</summary>
    GatewayFailure,

    /// <summary>Any other 5xx: the vendor failed, perhaps after it acted.</summary>
    ServerFailure,

    /// <summary>The rest (4xx, a redirect, which is never followed): the vendor's own answer, a refusal.</summary>
    Refused,
}
