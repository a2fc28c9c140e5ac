using System;
using System.Collections.Generic;
using System.Linq;
using RealPerson.ApiMart;
using RealPerson.Jimmy;
using RealPerson.Vendors;

namespace RealPerson.Providers;

/// <summary>
/// The one place a <see cref="Provider"/> becomes what is known of it (<see cref="ProviderDescriptor"/>:
/// its public URL, variables, video options, input rules, steps, and how its seam is made). A value
/// with no descriptor throws here rather than falling into another vendor's branch; a test asks it
/// for every value of the enum.
/// </summary>
public static class ProviderRegistry
{
    private static readonly Lazy<IReadOnlyList<ProviderDescriptor>> Every = new(() =>
        ((Provider[])Enum.GetValues(typeof(Provider))).Select(For).ToList());

    public static ProviderDescriptor For(Provider provider) => provider switch
    {
        Provider.JimmyAI => JimmyProvider.Descriptor,
        Provider.APIMart => ApiMartProvider.Descriptor,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, $"No provider descriptor for '{provider}': add one to ProviderRegistry.For."),
    };

    /// <summary>Every provider's descriptor, in the enum's order.</summary>
    public static IReadOnlyList<ProviderDescriptor> All => Every.Value;

    /// <summary>The providers whose reviews are tasks (what -TaskId names).</summary>
    /// <summary>How a message asks for a provider: "-Provider JimmyAI or -Provider APIMart", every one named.</summary>
    public static string ChoiceText => string.Join(" or ", All.Select(d => "-Provider " + d.Provider));

    public static IReadOnlyList<Provider> WithReviewTasks => All.Where(d => d.HasReviewTasks).Select(d => d.Provider).ToList();

    /// <summary>The providers with a liveness step (Start-AvatarVerification).</summary>
    public static IReadOnlyList<Provider> WithLivenessStep => All.Where(d => d.HasLivenessStep).Select(d => d.Provider).ToList();

    /// <summary>
    /// The provider whose liveness check Start-AvatarVerification and Wait-AvatarVerification run
    /// (APIMart). There is one; a second would need a -Provider on them first (a test says so).
    /// </summary>
    public static Provider LivenessProvider => WithLivenessStep.Single();
}
