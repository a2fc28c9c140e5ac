using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using RealPerson.Videos;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Downloads Completed videos to files, never leaving half a file under the final name.</para>
/// </summary>
[Cmdlet(VerbsData.Save, "SeedanceVideo", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(FileInfo))]
public sealed class SaveSeedanceVideoCommand : VideoInputCmdlet
{
    private readonly HashSet<string> written = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Videos from New-SeedanceVideo, Get-SeedanceVideo or Wait-SeedanceVideo.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ParameterSets.InputObject)]
    [ValidateNotNull]
    public Video[] InputObject { get; set; } = System.Array.Empty<Video>();

    /// <summary>A folder (each video saved as TaskId.mp4; created if missing), or a file path for one video. Default: the current folder.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = ".";

    /// <summary>Replace a file that is already there (by default it is kept, and output as it is).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How long each video's download may take in all, in seconds, retries included.</summary>
    [Parameter]
    [ValidateRange(1, 7 * 24 * 3600)]
    public int TimeoutSec { get; set; } = (int)DownloadLimits.DefaultTimeout.TotalSeconds;

    private long maxBytes;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        maxBytes = Terminating(() => DownloadLimits.MaxBytesFromEnvironment());
    }

    protected override void ProcessRecord()
    {
        foreach (var (given, target) in CurrentVideos(InputObject))
        {
            if (given.TaskId is null)
            {
                WriteRealPersonError(VideoDownloader.CheckReady(given, DateTimeOffset.UtcNow) ?? new RealPersonException(ErrorIds.VideoNotReady,
                    FailureCategory.ResourceUnavailable, "This video has no TaskId: its request's answer was lost, so there is nothing to download."), target);
                continue;
            }

            if (TargetFile(given) is not { } file)
            {
                continue;
            }

            if (File.Exists(file) && !Force)
            {
                WriteVerbose($"'{file}' is already there; kept (use -Force to download again).");
                WriteFile(file);
                continue;
            }

            // Asked first: -WhatIf neither reads the vendor nor writes anything.
            if (!ShouldProcess(file, $"Download video {Reporting.MessageNames.Of(given)}"))
            {
                continue;
            }

            var video = given;
            if (!video.IsFinal || video.VideoUrl is null)
            {
                // A stale object (or a bare TaskId): the vendor's word now decides whether it can be saved.
                if (ReadNow(video, target) is not { } fresh)
                {
                    continue;
                }

                video = fresh;
            }

            if (VideoDownloader.CheckReady(video, DateTimeOffset.UtcNow) is { } notReady)
            {
                WriteRealPersonError(notReady, target);
                continue;
            }

            // One video's failure is that video's error; the others are still saved.
            if (TryRunForInput(async token =>
                {
                    await Downloader(video).DownloadAsync(video, file, token).ConfigureAwait(false);
                    return true;
                }, target, out _))
            {
                WriteFile(file);
            }
        }
    }

    /// <summary>Downloads from where the video was read (its own endpoint unless -BaseUrl), with its retries and proxy.</summary>
    private VideoDownloader Downloader(Video video)
    {
        var connection = Clients.At(video.Provider, video.Endpoint).Connection(video.Provider);
        return new VideoDownloader(Reporter, connection.Proxy)
        {
            Retry = connection.Retry,
            VendorBaseUrl = connection.BaseUrl,
            Limits = new DownloadLimits { MaxBytes = maxBytes, Timeout = TimeSpan.FromSeconds(TimeoutSec) },
        };
    }

    /// <summary>The file as Get-Item gives it, so it formats and pipes like any other file.</summary>
    private void WriteFile(string file)
    {
        try
        {
            foreach (var item in InvokeProvider.Item.Get(new[] { file }, false, true))
            {
                WriteObject(item);
            }
        }
        catch (Exception e) when (e is ItemNotFoundException || e is ProviderInvocationException)
        {
            // The file is saved: a provider that cannot show it must not end the pipeline.
            WriteObject(new FileInfo(file));
        }
    }

    private Video? ReadNow(Video video, object target)
    {
        var ledger = OpenLedger(LedgerPath);
        return TryRunForInput(token => new VideoJobs(Clients).ReadOneAsync(video, ledger, Reporter, token), target, out var fresh) ? fresh : null;
    }

    private string? TargetFile(Video video)
    {
        var resolved = GetUnresolvedProviderPathFromPSPath(Path);
        var isFolder = Directory.Exists(resolved) || Path.EndsWith("/", StringComparison.Ordinal) || Path.EndsWith("\\", StringComparison.Ordinal) ||
                       string.IsNullOrEmpty(System.IO.Path.GetExtension(resolved));
        var file = isFolder ? System.IO.Path.Combine(resolved, VideoFileNames.For(video.TaskId!)) : resolved;
        if (!written.Add(file))
        {
            WriteRealPersonError(new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
                $"Another video of this run was already saved as '{file}'; give -Path a folder to save several videos."), video);
            return null;
        }

        return file;
    }
}
