using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RealPerson.Simulator;

/// <summary>
/// Both vendors' APIs on 127.0.0.1, in-process for tests or standalone via Program.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private SimulatorHost(WebApplication app, Uri baseUri, SimulatorState state)
    {
        _app = app;
        BaseUri = baseUri;
        State = state;
    }

    /// <summary>Where the simulator listens, with a trailing slash, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Live counters, knobs and processed submissions.</summary>
    public SimulatorState State { get; }

    /// <summary>
    /// Starts a simulator on 127.0.0.1:<paramref name="port"/> (0 picks a free port); reviews, videos and
    /// links age on <paramref name="time"/> (a test's fake clock; the system's by default).
    /// </summary>
    public static async Task<SimulatorHost> StartAsync(SimulatorOptions? options = null, int port = 0, CancellationToken ct = default, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        var state = new SimulatorState(options ?? new SimulatorOptions(), time ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Loopback only: the simulator accepts fixed, public test keys.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        var pipeline = new VendorPipeline(state, app.Lifetime);
        JimmyRoutes.Map(app, state, pipeline);
        ApiMartRoutes.Map(app, state, pipeline);
        VideoRoutes.Map(app, state, pipeline);
        SampleRoutes.Map(app);
        H5Routes.Map(app, state);
        AdminRoutes.Map(app, state);

        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        // Port 0 means Kestrel chose one: the bound address tells which.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("the server reports no addresses");
        var address = addresses.Addresses.First();
        var baseUri = new Uri(address.TrimEnd('/') + "/");
        state.BaseUri = baseUri;
        return new SimulatorHost(app, baseUri, state);
    }

    /// <summary>Stops listening and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
