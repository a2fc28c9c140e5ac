using System;
using RealPerson.Connections;
using RealPerson.Http;
using RealPerson.Reporting;

namespace RealPerson.Vendors;

/// <summary>
/// Everything that differs by provider and is known without a connection, and how its seam is
/// made. Each vendor folder states its own (<c>Jimmy/JimmyProvider</c>, <c>ApiMart/ApiMartProvider</c>);
/// <see cref="Providers.ProviderRegistry"/> is the one place that maps a <see cref="RealPerson.Provider"/> to it.
/// </summary>
public sealed class ProviderDescriptor
{
    public ProviderDescriptor(Provider provider, Uri publicBaseUrl, VideoOptions videoOptions, Func<VendorHttp, IReporter, IVendor> createSeam)
    {
        Provider = provider;
        PublicBaseUrl = publicBaseUrl;
        VideoOptions = videoOptions;
        CreateSeam = createSeam;
    }

    public Provider Provider { get; }

    /// <summary>The vendor's real, paid service: the base URL when nothing else names one.</summary>
    public Uri PublicBaseUrl { get; }

    /// <summary><see cref="PublicBaseUrl"/> as assets and the ledger carry an endpoint.</summary>
    public string PublicEndpoint => ProviderEndpoints.Text(PublicBaseUrl);

    /// <summary>The variable holding the provider's API key (named after the provider: <see cref="EnvironmentVariables.ApiKeyFor"/>).</summary>
    public string ApiKeyVariable => EnvironmentVariables.ApiKeyFor(Provider);

    /// <summary>The variable naming another base URL for the provider.</summary>
    public string BaseUrlVariable => EnvironmentVariables.BaseUrlFor(Provider);

    /// <summary>The vendor's documented video options (stated in its folder; read without a key, for completion and -WhatIf).</summary>
    public VideoOptions VideoOptions { get; }

    /// <summary>The vendor's own rules for an input, beyond a name and a URL (<see cref="ISubmissionApi.CheckInput"/>, without a connection: -WhatIf needs no key); null when it may be sent.</summary>
    public Func<SubmitItem, RealPersonException?> InputRules { get; init; } = _ => null;

    /// <summary>A person must pass the vendor's liveness check first (Start-AvatarVerification); its seam is then a <see cref="Verification.IVerificationApi"/>.</summary>
    public bool HasLivenessStep { get; init; }

    /// <summary>Assets are submitted in batches whose review is one task (-TaskId), and an asset may be read through its task.</summary>
    public bool HasReviewTasks { get; init; }

    /// <summary>
    /// Each asset is submitted into a group (a passed liveness check), a project and a type: the
    /// same portrait in another of them is another submission (<see cref="Submission.DedupeKeys"/>).
    /// </summary>
    public bool HasAssetGroups { get; init; }

    /// <summary>Makes the provider's seam over its connection.</summary>
    public Func<VendorHttp, IReporter, IVendor> CreateSeam { get; }

    /// <summary>The endpoint an asset or video was sent to: its own, or for a record written before endpoints were kept, the public URL (the only one there was).</summary>
    public string OrPublic(string? endpoint) => endpoint ?? PublicEndpoint;

    /// <summary>Whether <paramref name="endpoint"/> is the public URL: the real, paid service.</summary>
    public bool IsPublic(string endpoint) => string.Equals(endpoint.TrimEnd('/'), PublicEndpoint, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Provider.ToString();
}
