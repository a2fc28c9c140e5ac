using System;
using RealPerson.Jobs;
using RealPerson.Providers;
using RealPerson.Reporting;
using RealPerson.Videos;

namespace RealPerson.Commands;

/// <summary>The video wait as Wait-SeedanceVideo and New-SeedanceVideo -Wait both run it.</summary>
internal static class VideoWaits
{
    public static JobWaiter<Video> Create(ProviderClients clients, int timeoutSec, int pollIntervalSec, IReporter reporter, Ledger.AssetLedger ledger) =>
        new(new VideoJobs(clients), new WaitOptions
        {
            Timeout = TimeSpan.FromSeconds(timeoutSec),
            PollInterval = TimeSpan.FromSeconds(pollIntervalSec),
        }, reporter, ledger);
}
