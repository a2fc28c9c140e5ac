using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using RealPerson.Jobs;
using RealPerson.Videos;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Waits until each video is Completed or Failed, writing each out the moment it is.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "SeedanceVideo", DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(EngineTypeNames.Video)]
public sealed class WaitSeedanceVideoCommand : VideoInputCmdlet
{
    private readonly List<Video> forTheJob = new();
    private JobWaiter<Video>? waiter;
    private Task? work;

    /// <summary>Videos from New-SeedanceVideo, Get-SeedanceVideo or Wait-SeedanceVideo.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ParameterSets.InputObject)]
    [ValidateNotNull]
    public Video[] InputObject { get; set; } = System.Array.Empty<Video>();

    /// <summary>How long each video may take, in seconds, from when it reaches this command.</summary>
    [Parameter]
    [ValidateRange(1, 7 * 24 * 3600)]
    public int TimeoutSec { get; set; } = 1800;

    /// <summary>The longest gap between polls; the first poll comes within a second and the gap grows by half each time up to this.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollIntervalSec { get; set; } = 10;

    /// <summary>Wait in a background (thread) job: the job is output now, and its output is the same videos.</summary>
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
        waiter = VideoWaits.Create(Clients, TimeoutSec, PollIntervalSec, Reporter, OpenLedger());
        work = Task.Run(() => waiter.RunAsync(CancellationToken));
    }

    protected override void ProcessRecord()
    {
        foreach (var (video, target) in CurrentVideos(InputObject))
        {
            if (AsJob)
            {
                forTheJob.Add(video);
            }
            else
            {
                waiter!.Add(video, target);
            }
        }

        Reporter.Drain(this);
    }

    protected override void EndProcessing()
    {
        if (AsJob)
        {
            var parameters = Hosting.BackgroundJob.Carried(this, nameof(InputObject), nameof(TaskId), nameof(PipedId), nameof(Provider));
            WriteObject(Hosting.BackgroundJob.Start(this, "Wait-SeedanceVideo", parameters, forTheJob.ToArray()));
            return;
        }

        waiter!.Complete();
        RunToCompletion(work!);
        WriteHeldErrors();
    }
}
