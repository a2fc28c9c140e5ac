using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using RealPerson.Waiting;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Reads the current review status of assets, many per request where the vendor allows.</para>
/// </summary>
/// <remarks>The default set is InputObject: -TaskId also sits in the AssetId set, so a default holding it would swallow -TaskId alone.</remarks>
[Cmdlet(VerbsCommon.Get, "RealPersonStatus", DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(EngineTypeNames.Asset)]
public sealed class GetRealPersonStatusCommand : AssetInputCmdlet
{
    private readonly List<(Asset Asset, object? Target)> items = new();

    protected override void ProcessRecord() => items.AddRange(CurrentInputs());

    protected override void EndProcessing()
    {
        if (items.Count == 0)
        {
            return;
        }

        var refresher = new StatusRefresher(Clients.StatusSource, Reporter, OpenLedger());
        RunToCompletion(Task.Run(() => refresher.RefreshAsync(items, CancellationToken)));
    }
}
