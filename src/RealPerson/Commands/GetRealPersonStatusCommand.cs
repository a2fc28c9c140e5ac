using System.Linq;
using System.Collections.Generic;
using System.Management.Automation;
using RealPerson.Waiting;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Reads the current review status of assets, many per request where the vendor allows.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "RealPersonStatus", DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(Asset))]
public sealed class GetRealPersonStatusCommand : RealPersonConnectedCmdlet
{
    private readonly List<(Asset Asset, object? Target)> items = new();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.AssetId, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string[] AssetId { get; set; } = System.Array.Empty<string>();

    /// <summary>APIMart: a review task; every asset it carries is read.</summary>
    /// <remarks>Also taken beside -AssetId (for rows exported from an APIMart wait), so such rows bind unambiguously.</remarks>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.TaskId, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ParameterSets.AssetId, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string[] TaskId { get; set; } = System.Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Asset[] InputObject { get; set; } = System.Array.Empty<Asset>();

    [Parameter(ParameterSetName = ParameterSets.AssetId, ValueFromPipelineByPropertyName = true)]
    public Provider? Provider { get; set; }

    /// <summary>An APIMart asset's position in its task, as exported; text so that empty CSV cells bind.</summary>
    [Parameter(ParameterSetName = ParameterSets.AssetId, ValueFromPipelineByPropertyName = true, DontShow = true)]
    [AllowEmptyString]
    [AllowNull]
    public string? TaskIndex { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LedgerPath { get; set; }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case ParameterSets.InputObject:
                foreach (var asset in InputObject)
                {
                    // An asset with no id is reported as such without needing a key.
                    if (asset.AssetId != null || asset.TaskId != null)
                    {
                        EnsureConnection(asset.Provider, asset);
                    }

                    items.Add((asset.Clone(), asset));
                }

                break;
            case ParameterSets.TaskId:
                EnsureConnection(RealPerson.Provider.APIMart, TaskId);
                foreach (var task in IdInputs.NonEmpty(TaskId))
                {
                    items.Add((new Asset { Provider = RealPerson.Provider.APIMart, TaskId = task, Status = AssetStatus.Processing }, task));
                }

                break;
            default:
                var provider = InferProvider(Provider, null, AssetId);
                EnsureConnection(provider, AssetId);
                foreach (var asset in Terminating(() => IdInputs.FromIds(provider, AssetId, TaskId, TaskIndex).ToList(), AssetId))
                {
                    items.Add((asset, (object?)asset.AssetId ?? asset.TaskId));
                }

                break;
        }
    }

    protected override void EndProcessing()
    {
        if (items.Count == 0)
        {
            return;
        }

        var refresher = new StatusRefresher(new StatusSources(Clients, Reporter).AsFunc(), Reporter, OpenLedger(LedgerPath));
        RunToCompletion(System.Threading.Tasks.Task.Run(() => refresher.RefreshAsync(items, CancellationToken)));
    }
}
