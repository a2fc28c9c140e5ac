using System;
using RealPerson.Vendors;

namespace RealPerson.ApiMart;

/// <summary>
/// APIMart as the provider registry knows it: a person passes its liveness check first, and assets
/// go into that check's group in batches, each batch's review one task.
/// </summary>
public static class ApiMartProvider
{
    public static ProviderDescriptor Descriptor { get; } = new(
        Provider.APIMart,
        new Uri("https://api.apimart.ai/"),
        ApiMartVideoOptions.Documented,
        (http, reporter) => new ApiMartVendor(http, reporter))
    {
        InputRules = ApiMartVendor.InputRules,
        HasLivenessStep = true,
        HasReviewTasks = true,
        HasAssetGroups = true,
    };
}
