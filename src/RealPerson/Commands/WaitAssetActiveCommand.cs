using System.Linq;
using System;
using System.Management.Automation;
using System.Threading.Tasks;
using RealPerson.Waiting;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Waits until each asset's review is Active or Failed, writing each out the moment it is.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "AssetActive", DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(Asset))]
public sealed class WaitAssetActiveCommand : RealPersonConnectedCmdlet
{
    private AssetWaiter? waiter;
    private Task? work;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Asset[] InputObject { get; set; } = Array.Empty<Asset>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.AssetId, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string[] AssetId { get; set; } = Array.Empty<string>();

    /// <summary>APIMart: a review task; once it ends, every asset it carries comes out.</summary>
    /// <remarks>Also taken beside -AssetId (for rows exported from an APIMart wait), so such rows bind unambiguously.</remarks>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.TaskId, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ParameterSets.AssetId, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string[] TaskId { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ParameterSets.AssetId, ValueFromPipelineByPropertyName = true)]
    public Provider? Provider { get; set; }

    /// <summary>An APIMart asset's position in its task, as exported; text so that empty CSV cells bind.</summary>
    [Parameter(ParameterSetName = ParameterSets.AssetId, ValueFromPipelineByPropertyName = true, DontShow = true)]
    [AllowEmptyString]
    [AllowNull]
    public string? TaskIndex { get; set; }

    /// <summary>How long each asset may wait, in seconds, from when it reaches this command.</summary>
    [Parameter]
    [ValidateRange(1, 7 * 24 * 3600)]
    public int TimeoutSec { get; set; } = 600;

    /// <summary>The longest gap between polls; the first poll comes within a second and the gap doubles up to this.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollIntervalSec { get; set; } = 10;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LedgerPath { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var options = new WaitOptions
        {
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            PollInterval = TimeSpan.FromSeconds(PollIntervalSec),
        };
        waiter = new AssetWaiter(new StatusSources(Clients, Reporter).AsFunc(), options, Reporter, OpenLedger(LedgerPath));
        work = Task.Run(() => waiter.RunAsync(CancellationToken));
    }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case ParameterSets.InputObject:
                foreach (var asset in InputObject)
                {
                    // An asset with no id cannot be polled; the waiter says so without needing a key.
                    if (asset.AssetId != null || asset.TaskId != null)
                    {
                        EnsureConnection(asset.Provider, asset);
                    }

                    waiter!.Add(asset, asset);
                }

                break;
            case ParameterSets.TaskId:
                EnsureConnection(RealPerson.Provider.APIMart, TaskId);
                foreach (var task in IdInputs.NonEmpty(TaskId))
                {
                    waiter!.Add(new Asset { Provider = RealPerson.Provider.APIMart, TaskId = task, Status = AssetStatus.Processing }, task);
                }

                break;
            default:
                var provider = InferProvider(Provider, null, AssetId);
                EnsureConnection(provider, AssetId);
                foreach (var asset in Terminating(() => IdInputs.FromIds(provider, AssetId, TaskId, TaskIndex).ToList(), AssetId))
                {
                    waiter!.Add(asset, (object?)asset.AssetId ?? asset.TaskId);
                }

                break;
        }

        Reporter.Drain(this);
    }

    protected override void EndProcessing()
    {
        waiter!.Complete();
        RunToCompletion(work!);
    }
}
