using RealPerson.Connections;
using RealPerson.Providers;
using RealPerson.Submission;
using RealPerson.Tests.Core;
using RealPerson.Vendors;
using RealPerson.Verification;
using RealPerson.Videos;
using RealPerson.Waiting;

namespace RealPerson.Tests.Architecture;

/// <summary>
/// Every value of <see cref="Provider"/> is known everywhere a provider is asked about: a value
/// added to the enum without a descriptor (or a descriptor missing a part) fails here instead of
/// falling silently into another vendor's branch.
/// </summary>
public sealed class ProviderRegistryTests
{
    public static TheoryData<Provider> Providers => new(Enum.GetValues<Provider>());

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_provider_has_a_descriptor_of_its_own(Provider provider)
    {
        var descriptor = ProviderRegistry.For(provider);

        Assert.Equal(provider, descriptor.Provider);
        Assert.Contains(descriptor, ProviderRegistry.All);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_provider_has_a_seam_doing_the_jobs_every_vendor_does(Provider provider)
    {
        var clients = Sim.Clients(new Uri("http://127.0.0.1:1/"), new RecordingReporter());

        var seam = clients.Vendor(provider);

        Assert.Equal(provider, seam.Provider);
        Assert.IsAssignableFrom<ISubmissionApi>(seam);
        Assert.IsAssignableFrom<IStatusSource>(seam);
        Assert.IsAssignableFrom<IVideoApi>(seam);

        // The descriptor's word for the liveness step and the seam's are one.
        Assert.Equal(ProviderRegistry.For(provider).HasLivenessStep, seam is IVerificationApi);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_provider_has_its_variables_and_a_public_https_URL(Provider provider)
    {
        var descriptor = ProviderRegistry.For(provider);

        Assert.Equal(provider.ToString().ToUpperInvariant() + "_API_KEY", descriptor.ApiKeyVariable);
        Assert.Equal(provider.ToString().ToUpperInvariant() + "_BASE_URL", descriptor.BaseUrlVariable);
        Assert.True(descriptor.PublicBaseUrl.IsAbsoluteUri);
        Assert.Equal(Uri.UriSchemeHttps, descriptor.PublicBaseUrl.Scheme);
        Assert.True(descriptor.IsPublic(descriptor.PublicEndpoint + "/"));
        Assert.Equal(descriptor.PublicEndpoint, descriptor.OrPublic(null));
    }

    [Fact]
    public void No_two_providers_share_a_variable_or_a_public_URL()
    {
        var all = ProviderRegistry.All;

        Assert.Equal(all.Count, all.Select(d => d.ApiKeyVariable).Distinct().Count());
        Assert.Equal(all.Count, all.Select(d => d.BaseUrlVariable).Distinct().Count());
        Assert.Equal(all.Count, all.Select(d => d.PublicEndpoint).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void The_variables_users_set_keep_their_names()
    {
        Assert.Equal(EnvironmentVariables.JimmyApiKey, ProviderRegistry.For(Provider.JimmyAI).ApiKeyVariable);
        Assert.Equal(EnvironmentVariables.JimmyBaseUrl, ProviderRegistry.For(Provider.JimmyAI).BaseUrlVariable);
        Assert.Equal(EnvironmentVariables.ApiMartApiKey, ProviderRegistry.For(Provider.APIMart).ApiKeyVariable);
        Assert.Equal(EnvironmentVariables.ApiMartBaseUrl, ProviderRegistry.For(Provider.APIMart).BaseUrlVariable);
        Assert.Equal("https://www.jimmyai.cn", ProviderRegistry.For(Provider.JimmyAI).PublicEndpoint);
        Assert.Equal("https://api.apimart.ai", ProviderRegistry.For(Provider.APIMart).PublicEndpoint);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_provider_has_video_options_the_catalog_and_completer_read(Provider provider)
    {
        var options = ProviderRegistry.For(provider).VideoOptions;

        Assert.Same(options, VideoCatalog.For(provider));
        Assert.NotEmpty(options.Models);
        Assert.Contains(VideoCatalog.DefaultRatio, options.Ratios);
        Assert.Contains(options.DefaultResolution, options.Resolutions);
        Assert.All(options.Models, model => Assert.Equal(provider, VideoCatalog.OwnerOf(model)));
        Assert.Subset(VideoCatalog.AnyModel.ToHashSet(), options.Models.ToHashSet());
        Assert.Subset(VideoCatalog.AnyRatio.ToHashSet(), options.Ratios.ToHashSet());
        Assert.Subset(VideoCatalog.AnyResolution.ToHashSet(), options.Resolutions.ToHashSet());

        // A request with nothing but the defaults is one the vendor takes.
        Assert.Null(VideoCatalog.Complete(new VideoRequest { Provider = provider, Prompt = "p", References = new[] { "asset://a1" } }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_provider_has_input_rules_and_a_dedupe_key(Provider provider)
    {
        var item = new SubmitItem { Provider = provider, Name = "alice", Url = "https://img.example.com/a.jpg", GroupId = "grp_1" };

        Assert.Null(ProviderClients.InputRules(item));
        Assert.StartsWith($"{provider}\nalice\nhttps://img.example.com/a.jpg", DedupeKeys.For(item));
    }

    [Fact]
    public void One_provider_has_the_liveness_step_the_verification_cmdlets_run()
    {
        // Start-/Wait-AvatarVerification take no -Provider: a second provider with a liveness step needs one first.
        Assert.Equal(Provider.APIMart, Assert.Single(ProviderRegistry.WithLivenessStep));
        Assert.Equal(Provider.APIMart, ProviderRegistry.LivenessProvider);
        Assert.Equal(new[] { Provider.APIMart }, ProviderRegistry.WithReviewTasks);
    }

    [Fact]
    public void A_value_with_no_descriptor_is_refused_not_taken_for_another_vendor()
    {
        var unknown = (Provider)Enum.GetValues<Provider>().Length;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ProviderRegistry.For(unknown));
        Assert.Contains("ProviderRegistry.For", error.Message);
    }
}
