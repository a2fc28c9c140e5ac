using RealPerson.Simulator;

namespace RealPerson.Tests.Core;

/// <summary>
/// Connect-RealPerson's key check: one free read of an id that cannot exist. "Not found" means the
/// key was accepted; a refused key is VendorUnauthorized; nothing else is sent.
/// </summary>
public class KeyCheckTests
{
    [Theory]
    [InlineData(Provider.JimmyAI, ApiMartErrorStyle.HttpError)]
    [InlineData(Provider.APIMart, ApiMartErrorStyle.HttpError)]
    [InlineData(Provider.APIMart, ApiMartErrorStyle.EnvelopeMessage)]
    [InlineData(Provider.APIMart, ApiMartErrorStyle.EnvelopeMsg)]
    public async Task A_good_key_passes_with_one_read(Provider provider, ApiMartErrorStyle style)
    {
        await using var sim = await Sim.StartAsync(o => o.ApiMartErrorStyle = style);
        var clients = Sim.Clients(sim, new RecordingReporter());

        await clients.Vendor(provider).CheckKeyAsync(CancellationToken.None);

        Assert.Equal(1, sim.State.Calls(provider == Provider.JimmyAI ? "jimmy.status" : "apimart.task"));
        Assert.Equal(1, TotalCalls(sim));
    }

    [Theory]
    [InlineData(Provider.JimmyAI)]
    [InlineData(Provider.APIMart)]
    public async Task A_refused_key_is_VendorUnauthorized(Provider provider)
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter(), jimmyKey: "sk_test_wrong", apiMartKey: "wrong-apimart-key");

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Vendor(provider).CheckKeyAsync(CancellationToken.None));

        Assert.Equal(ErrorIds.VendorUnauthorized, error.ErrorId);
        Assert.Equal(1, TotalCalls(sim));
    }

    [Fact]
    public async Task A_vendor_that_cannot_be_reached_is_an_error_not_a_pass()
    {
        var clients = Sim.Clients(new Uri("http://127.0.0.1:1/"), new RecordingReporter(), Sim.FastRetry(maxRetries: 0));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.CheckKeyAsync(CancellationToken.None));

        Assert.Equal(ErrorIds.NetworkError, error.ErrorId);
    }

    private static int TotalCalls(SimulatorHost sim) => sim.State.CallCounts.Values.Sum();
}
