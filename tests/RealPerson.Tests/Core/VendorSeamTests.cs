using RealPerson.Providers;
using RealPerson.Submission;
using RealPerson.Vendors;

namespace RealPerson.Tests.Core;

/// <summary>
/// What each vendor's seam says about an input before anything is sent: its own rules, what it keeps
/// of the input, and which inputs may share a request. No request is made (the endpoint is closed).
/// </summary>
public sealed class VendorSeamTests
{
    private static readonly ProviderClients Clients = Sim.Clients(new Uri("http://127.0.0.1:1/"), new RecordingReporter());

    private static SubmitItem Item(Provider provider, string? groupId = null, string project = ProjectNames.Default, AssetType type = AssetType.Image) => new()
    {
        Provider = provider,
        Name = "alice",
        Url = "https://img.example.com/alice.jpg",
        GroupId = groupId,
        ProjectName = project,
        AssetType = type,
    };

    [Fact]
    public void Each_provider_has_one_seam_that_does_the_jobs_it_has()
    {
        var jimmy = Clients.Vendor(Provider.JimmyAI);
        var apiMart = Clients.Vendor(Provider.APIMart);

        Assert.Same(Clients.Jimmy, jimmy);
        Assert.Same(Clients.ApiMart, apiMart);
        Assert.Equal(Provider.JimmyAI, jimmy.Provider);
        Assert.Equal(Provider.APIMart, apiMart.Provider);
        Assert.Same(jimmy, Clients.Submissions(Provider.JimmyAI));
        Assert.Same(jimmy, Clients.StatusSource(Provider.JimmyAI, null));
        Assert.Same(jimmy, Clients.Videos(Provider.JimmyAI));
        Assert.Same(apiMart, Clients.Verification(Provider.APIMart));
        Assert.False(jimmy is Verification.IVerificationApi);
    }

    [Fact]
    public void Asking_a_provider_for_a_job_it_does_not_do_says_so()
    {
        var error = Assert.Throws<RealPersonException>(() => Clients.Verification(Provider.JimmyAI));

        Assert.Equal(ErrorIds.InvalidParameter, error.ErrorId);
        Assert.Equal(FailureCategory.InvalidArgument, error.Category);
        Assert.Equal("JimmyAI has no liveness step (Start-AvatarVerification).", error.Message);
    }

    [Theory]
    [InlineData(null, ProjectNames.Default, ErrorIds.MissingGroupId)]
    [InlineData("  ", ProjectNames.Default, ErrorIds.MissingGroupId)]
    [InlineData("grp/../x", ProjectNames.Default, ErrorIds.MissingGroupId)]
    [InlineData("grp_1", "", ErrorIds.InvalidParameter)]
    [InlineData("grp_1", ProjectNames.Default, null)]
    public void APIMart_needs_a_group_and_a_project(string? groupId, string project, string? expected)
    {
        Assert.Equal(expected, Clients.ApiMart.CheckInput(Item(Provider.APIMart, groupId, project))?.ErrorId);
    }

    [Fact]
    public void Jimmy_AI_needs_nothing_beyond_a_name_and_url()
    {
        Assert.Null(Clients.Jimmy.CheckInput(Item(Provider.JimmyAI)));
    }

    [Fact]
    public void What_each_vendor_keeps_of_an_input()
    {
        var apiMart = Clients.ApiMart.Describe(Item(Provider.APIMart, "grp_1", "my-project", AssetType.Video));
        Assert.Equal((Provider.APIMart, "alice", "https://img.example.com/alice.jpg", "grp_1", "my-project", (AssetType?)AssetType.Video),
            (apiMart.Provider, apiMart.Name, apiMart.Url, apiMart.GroupId, apiMart.ProjectName, apiMart.AssetType));

        // Jimmy AI has no projects or types: the ledger keeps none for its assets (a GroupId is carried as given).
        var jimmy = Clients.Jimmy.Describe(Item(Provider.JimmyAI, "grp_given", "my-project", AssetType.Video));
        Assert.Equal((Provider.JimmyAI, "alice", "grp_given", (string?)null, (AssetType?)null), (jimmy.Provider, jimmy.Name, jimmy.GroupId, jimmy.ProjectName, jimmy.AssetType));
    }

    [Fact]
    public void Only_inputs_of_one_group_project_and_type_share_an_APIMart_request()
    {
        var seam = Clients.ApiMart;
        var key = seam.BatchKey(Item(Provider.APIMart, "grp_1"));

        Assert.Equal(20, seam.MaxPerRequest);
        Assert.Equal(key, seam.BatchKey(Item(Provider.APIMart, "grp_1")));
        Assert.NotEqual(key, seam.BatchKey(Item(Provider.APIMart, "grp_2")));
        Assert.NotEqual(key, seam.BatchKey(Item(Provider.APIMart, "grp_1", "other")));
        Assert.NotEqual(key, seam.BatchKey(Item(Provider.APIMart, "grp_1", type: AssetType.Video)));
        Assert.Equal(1, Clients.Jimmy.MaxPerRequest);
    }
}
