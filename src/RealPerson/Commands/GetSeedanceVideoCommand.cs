using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using RealPerson.Jobs;
using RealPerson.Videos;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Reads videos' current state from their vendor, or lists the videos the ledger knows.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SeedanceVideo", DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(EngineTypeNames.Video)]
public sealed class GetSeedanceVideoCommand : VideoInputCmdlet
{
    private JobReader<Video>? reader;

    /// <summary>Videos to read again; with none (and no -TaskId), the ledger's videos are listed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ParameterSetName = ParameterSets.InputObject)]
    [ValidateNotNull]
    public Video[]? InputObject { get; set; }

    /// <summary>Listing the ledger: only videos in these states (as last recorded, not read again).</summary>
    [Parameter(ParameterSetName = ParameterSets.InputObject)]
    public VideoStatus[]? Status { get; set; }

    /// <summary>Listing the ledger: only videos requested from these endpoints (a base URL or host[:port], wildcards allowed).</summary>
    [Parameter(ParameterSetName = ParameterSets.InputObject)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Hosting.LedgerCompleter))]
    public string[]? Endpoint { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ParameterSets.InputObject && InputObject is null)
        {
            // No argument (the ledger is listed at the end), or a null piped in.
            return;
        }


        reader ??= new JobReader<Video>(new VideoJobs(Clients), Reporter, OpenLedger());
        foreach (var (video, target) in CurrentVideos(InputObject ?? System.Array.Empty<Video>()))
        {
            reader.Add(video, target);
        }
    }

    protected override void EndProcessing()
    {
        if (reader is null)
        {
            if (MyInvocation.ExpectingInput)
            {
                // A pipeline that brought nothing (an empty filter upstream) asks about nothing: never "everything".
                return;
            }

            var endpoints = Hosting.EndpointFilter.For(Endpoint);
            foreach (var video in KnownVideos().Where(v => (Status is null || Status.Contains(v.Status)) && (endpoints is null || endpoints.Matches(v.Provider, v.Endpoint))))
            {
                WriteObject(video);
            }

            return;
        }

        RunToCompletion(Task.Run(() => reader.ReadAsync(CancellationToken)));
    }
}
