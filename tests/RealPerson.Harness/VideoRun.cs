using RealPerson.Connections;
using RealPerson.Ledger;
using RealPerson.Providers;
using RealPerson.Simulator;
using RealPerson.Vendors;
using RealPerson.Videos;

namespace RealPerson.Harness;

/// <summary>
/// The video crash test's child: asks for N videos of one approved asset, one after another, each as
/// New-SeedanceVideo would (skipped when the ledger says it is already made, in progress or Unknown).
/// </summary>
public static class VideoRun
{
    public static string Prompt(string prefix, int i) => $"{prefix} video {i}";

    internal static async Task<int> RunAsync(Uri baseUrl, string ledgerPath, string reference, int count, string prefix)
    {
        var reporter = new ConsoleReporter();
        var connection = new ResolvedConnection(Provider.JimmyAI, SimulatorOptions.JimmyApiKey, baseUrl, new RetrySettings { BaseDelay = TimeSpan.FromMilliseconds(20) });
        var creator = new VideoCreator(new ProviderClients(_ => connection, reporter), new AssetLedger(ledgerPath), reporter);
        var sent = 0;
        for (var i = 0; i < count; i++)
        {
            var request = new VideoRequest { Provider = Provider.JimmyAI, Prompt = Prompt(prefix, i), References = new[] { reference } };
            if (await creator.FindBlockingAsync(request, CancellationToken.None) is null)
            {
                await creator.CreateAsync(request, CancellationToken.None);
                sent++;
            }
        }

        Console.WriteLine($"sent {sent} of {count}");
        return 0;
    }
}
