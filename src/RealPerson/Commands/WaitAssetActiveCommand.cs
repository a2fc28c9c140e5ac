using System;
using System.Management.Automation;
using System.Threading.Tasks;
using RealPerson.Jobs;
using RealPerson.Waiting;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Waits until each asset's review is Active or Failed, writing each out the moment it is.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "AssetActive", DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(EngineTypeNames.Asset)]
public sealed class WaitAssetActiveCommand : AssetInputCmdlet
{
    private AssetWaiter? waiter;
    private Task? work;
    private readonly System.Collections.Generic.List<Asset> forTheJob = new();

    /// <summary>How long each asset may wait, in seconds, from when it reaches this command.</summary>
    [Parameter]
    [ValidateRange(1, 7 * 24 * 3600)]
    public int TimeoutSec { get; set; } = 600;

    /// <summary>The longest gap between polls; the first poll comes within a second and the gap grows by half each time up to this.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollIntervalSec { get; set; } = 10;

    /// <summary>Wait in a background (thread) job: the job is output now, and its output is the same assets.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (AsJob)
        {
            return;
        }

        HoldErrorsUntilDone();
        var options = new WaitOptions
        {
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            PollInterval = TimeSpan.FromSeconds(PollIntervalSec),
        };
        waiter = new AssetWaiter(Clients.StatusSource, options, Reporter, OpenLedger());
        work = Task.Run(() => waiter.RunAsync(CancellationToken));
    }

    protected override void ProcessRecord()
    {
        if (AsJob)
        {
            // Resolved here (ids to assets, keys checked), waited on in the job.
            foreach (var (asset, _) in CurrentInputs())
            {
                forTheJob.Add(asset);
            }

            return;
        }

        foreach (var (asset, target) in CurrentInputs())
        {
            waiter!.Add(asset, target);
        }

        Reporter.Drain(this);
    }

    protected override void EndProcessing()
    {
        if (AsJob)
        {
            var parameters = Hosting.BackgroundJob.Carried(this, nameof(InputObject), nameof(AssetId), nameof(TaskId), nameof(PipedId), nameof(Provider), nameof(TaskIndex));
            WriteObject(Hosting.BackgroundJob.Start(this, "Wait-AssetActive", parameters, forTheJob.ToArray()));
            return;
        }

        waiter!.Complete();
        RunToCompletion(work!);
        WriteHeldErrors();
    }
}
