using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RealPerson.Providers;

namespace RealPerson.Commands;

/// <summary>
/// A cmdlet that takes assets to read: piped <see cref="Asset"/> objects, ids (strings, or the
/// AssetId / TaskId columns of piped rows), or review tasks (APIMart's). Get-RealPersonStatus and Wait-AssetActive.
/// </summary>
public abstract class AssetInputCmdlet : RealPersonConnectedCmdlet
{
    private IReadOnlyList<Asset>? knownAssets;
    private (string Key, IReadOnlyList<Asset> Answer)? lastQuestion;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Asset[] InputObject { get; set; } = Array.Empty<Asset>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.AssetId, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(Hosting.LedgerCompleter))]
    public string[] AssetId { get; set; } = Array.Empty<string>();

    /// <summary>Ids piped as bare text; see <see cref="Commands.PipedId"/> for why this is not -AssetId.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.PipedId, ValueFromPipeline = true, DontShow = true)]
    public PipedId[] PipedId { get; set; } = Array.Empty<PipedId>();

    /// <summary>APIMart: a review task; every asset it carries is read.</summary>
    /// <remarks>Also taken beside -AssetId (for rows exported from an APIMart wait), so such rows bind unambiguously.</remarks>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.TaskId, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ParameterSets.AssetId, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ParameterSets.PipedId)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(Hosting.LedgerCompleter))]
    public string[] TaskId { get; set; } = Array.Empty<string>();

    /// <summary>Whose ids these are. In the TaskId set only APIMart has tasks; naming it there must not select the AssetId set.</summary>
    [Parameter(ParameterSetName = ParameterSets.AssetId, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ParameterSets.TaskId, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ParameterSets.PipedId)]
    public Provider? Provider { get; set; }

    /// <summary>An APIMart asset's position in its task, as exported; text so that empty CSV cells bind.</summary>
    [Parameter(ParameterSetName = ParameterSets.AssetId, ValueFromPipelineByPropertyName = true, DontShow = true)]
    [AllowEmptyString]
    [AllowNull]
    public string? TaskIndex { get; set; }

    /// <summary>
    /// Whose review task a -TaskId is: the provider named, when its reviews are tasks, else the one
    /// provider whose reviews are tasks (APIMart); null when more than one could be meant.
    /// </summary>
    private static Provider? TaskOwner(Provider? named)
    {
        var withTasks = ProviderRegistry.WithReviewTasks;
        return named is { } given && withTasks.Contains(given) ? given : withTasks.Count == 1 ? withTasks[0] : null;
    }

    /// <summary>The provider the ledger says these ids were submitted to, if it knows them.</summary>
    private Provider? ProviderFromLedger(string[] ids) =>
        IdInputs.NonEmpty(ids).Any() ? Ledger.LedgerProviders.For(KnownAssets(IdInputs.NonEmpty(ids).Select(id => id.Trim()).Distinct().ToList(), Array.Empty<string>()), ids) : null;

    /// <summary>Ids given by hand are read where the ledger says they were submitted (unless -BaseUrl names another): one question for them all.</summary>
    private IReadOnlyList<(Asset Asset, object? Target)> AtTheirEndpoints(IReadOnlyList<(Asset Asset, object? Target)> inputs)
    {
        var unplaced = inputs.Select(i => i.Asset).Where(a => a.Endpoint is null).ToList();
        if (unplaced.Count == 0)
        {
            return inputs;
        }

        var known = KnownAssets(
            unplaced.Where(a => a.AssetId != null).Select(a => a.AssetId!).Distinct().ToList(),
            unplaced.Where(a => a.TaskId != null).Select(a => a.TaskId!).Distinct().ToList());
        var placed = new List<(Asset Asset, object? Target)>(inputs.Count);
        foreach (var (asset, target) in inputs)
        {
            var fromLedger = asset.Endpoint is null
                ? Ledger.LedgerProviders.Matching(known, asset.Provider, asset.AssetId, asset.TaskId, asset.TaskIndex)
                : Array.Empty<Asset>();
            if (fromLedger.Count == 0)
            {
                placed.Add((asset, target));
                continue;
            }

            // What the ledger holds of the id (its name, input, endpoint, task and index, when it was
            // made) as piping Get-RealPersonAsset would give it; read afresh from the vendor all the same.
            foreach (var record in fromLedger)
            {
                var input = record.Clone();
                input.Status = asset.Status;
                input.Error = null;
                placed.Add((input, target));
            }
        }

        return placed;
    }

    /// <summary>
    /// What the ledger knows of these ids: asked of a database (one indexed query), read once per
    /// command from a JSON Lines journal.
    /// </summary>
    private IReadOnlyList<Asset> KnownAssets(IReadOnlyCollection<string>? assetIds, IReadOnlyCollection<string>? taskIds)
    {
        var ledger = OpenLedger();
        if (!ledger.AnswersFromIndexes)
        {
            return knownAssets ??= Ledger.LedgerView.Fold(RunToCompletion(token => ledger.ReadAllAsync(token)).Records);
        }

        if ((assetIds?.Count ?? 0) + (taskIds?.Count ?? 0) == 0)
        {
            return Array.Empty<Asset>();
        }

        // The provider and then the endpoints of one record's ids are one question, not two.
        var key = string.Join("\n", assetIds ?? Array.Empty<string>()) + "\t" + string.Join("\n", taskIds ?? Array.Empty<string>());
        if (lastQuestion?.Key == key)
        {
            return lastQuestion.Value.Answer;
        }

        var query = new Ledger.AssetQuery { AssetIds = assetIds ?? Array.Empty<string>(), TaskIds = taskIds ?? Array.Empty<string>() };
        var answer = RunToCompletion(token => ledger.FindAssetsAsync(query, token));
        lastQuestion = (key, answer);
        return answer;
    }

    /// <summary>This record's inputs as assets to read, each with the object its errors should name.</summary>
    protected IReadOnlyList<(Asset Asset, object? Target)> CurrentInputs()
    {
        switch (ParameterSetName)
        {
            case ParameterSets.InputObject:
                foreach (var asset in InputObject.Where(a => a.AssetId != null || a.TaskId != null))
                {
                    // An asset with no id is reported as such by the engine, without needing a key.
                    EnsureConnection(asset.Provider, asset);
                }

                return InputObject.Select(a => (a, (object?)a)).ToList();
            case ParameterSets.TaskId:
                if (Provider is { } named && !ProviderRegistry.For(named).HasReviewTasks)
                {
                    ThrowTerminating(Hosting.ErrorRecords.From(new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
                        $"-TaskId is an {string.Join(" or ", ProviderRegistry.WithReviewTasks)} review task; {named} has no tasks. Use -AssetId for {named} assets."), TaskId));
                }

                var owner = Terminating(() => TaskOwner(Provider) ?? throw new RealPersonException(ErrorIds.ProviderNotInferred, FailureCategory.InvalidArgument,
                    $"-TaskId may be a review task of {string.Join(" or ", ProviderRegistry.WithReviewTasks)}: name one with -Provider."), TaskId);
                EnsureConnection(owner, TaskId);
                return AtTheirEndpoints(IdInputs.NonEmpty(TaskId)
                    .Select(task => (new Asset { Provider = owner, TaskId = task, Status = AssetStatus.Processing }, (object?)task))
                    .ToList());
            default:
                var ids = ParameterSetName == ParameterSets.PipedId ? PipedId.Select(id => id?.Value ?? string.Empty).ToArray() : AssetId;

                // A TaskId beside the ids means the provider whose reviews are tasks, whatever else has a key; else the ledger may know the ids.
                var taskOwner = IdInputs.NonEmpty(TaskId).Any() ? TaskOwner(null) : null;
                var implied = taskOwner ?? (Provider is null ? ProviderFromLedger(ids) : null);
                var provider = InferProvider(Provider, implied, ids);
                EnsureConnection(provider, ids);
                return AtTheirEndpoints(Terminating(() => IdInputs.FromIds(provider, ids, TaskId, TaskIndex, TaskOwner(provider) ?? provider).ToList(), ids)
                    .Select(asset => (asset, (object?)asset.AssetId ?? asset.TaskId))
                    .ToList());
        }
    }
}
