using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RealPerson.Ledger;

namespace RealPerson.Commands;

/// <summary>
/// What Get-, Wait- and Save-SeedanceVideo share: videos from the pipeline (each declares its own
/// -InputObject: mandatory or not), or task ids (by hand or
/// a CSV column) completed from the ledger with their provider, endpoint and request.
/// </summary>
public abstract class VideoInputCmdlet : RealPersonConnectedCmdlet
{
    private IReadOnlyList<Video>? knownVideos;

    /// <summary>The vendors' video task ids (also by position, and from a TaskId column).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.TaskId, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Hosting.LedgerCompleter))]
    public string[] TaskId { get; set; } = Array.Empty<string>();

    /// <summary>Task ids piped as bare text; see <see cref="Commands.PipedId"/> for why this is not -TaskId.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.PipedId, ValueFromPipeline = true, DontShow = true)]
    public PipedId[] PipedId { get; set; } = Array.Empty<PipedId>();

    /// <summary>Whose tasks -TaskId names; the ledger's, else the only provider with a key.</summary>
    [Parameter(ParameterSetName = ParameterSets.TaskId, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ParameterSets.PipedId)]
    public Provider? Provider { get; set; }

    /// <summary>The ledger's videos, read once per command; a ledger that cannot be read is the command's error (LedgerUnavailable).</summary>
    protected IReadOnlyList<Video> KnownVideos()
    {
        if (knownVideos is null)
        {
            var ledger = OpenLedger();
            knownVideos = VideoRecords.Fold(RunToCompletion(token => ledger.ReadEventsAsync(VideoRecords.Events, token)));
        }

        return knownVideos;
    }

    /// <summary>This record's videos, each with the object its errors should name; their connections checked.</summary>
    protected IReadOnlyList<(Video Video, object Target)> CurrentVideos(Video[] inputObject)
    {
        if (ParameterSetName == ParameterSets.InputObject)
        {
            foreach (var video in inputObject.Where(v => v.TaskId != null))
            {
                EnsureConnection(video.Provider, video);
            }

            return inputObject.Select(v => (v, (object)v)).ToList();
        }

        var ids = IdInputs.NonEmpty(ParameterSetName == ParameterSets.PipedId ? PipedId.Select(p => p?.Value) : TaskId).ToList();
        var results = new List<(Video, object)>();
        foreach (var id in ids)
        {
            if (Validation.InputValidator.CheckId(id, "TaskId") is { } bad)
            {
                WriteRealPersonError(bad, id);
                continue;
            }

            var known = KnownVideos().FirstOrDefault(v => v.TaskId == id && (Provider is null || v.Provider == Provider));
            var provider = InferProvider(Provider, known?.Provider, id);
            EnsureConnection(provider, id);
            results.Add((known?.Clone() ?? new Video { Provider = provider, TaskId = id, Status = VideoStatus.Queued }, id));
        }

        return results;
    }
}
