using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using RealPerson.Providers;
using RealPerson.Vendors;
using RealPerson.Videos;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Makes one Seedance video with approved (Active) assets as its references.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "SeedanceVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSets.Asset)]
[OutputType(EngineTypeNames.Video)]
public sealed class NewSeedanceVideoCommand : RealPersonConnectedCmdlet
{
    private readonly List<Asset> assets = new();
    private readonly List<string> uris = new();

    /// <summary>What should happen in the video.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Prompt { get; set; } = string.Empty;

    /// <summary>Active assets: every asset piped in becomes a reference of this one video.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ParameterSets.Asset)]
    [ValidateNotNull]
    public Asset[] Asset { get; set; } = Array.Empty<Asset>();

    /// <summary>Approved assets given by hand, as asset://{AssetId}; also the AssetUri column of piped rows (an exported CSV).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.AssetUri, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Hosting.LedgerCompleter))]
    public string[] AssetUri { get; set; } = Array.Empty<string>();

    /// <summary>The vendor; inferred from the assets (or, with -AssetUri, a Provider column, the ledger, or the only provider with a key).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Provider? Provider { get; set; }

    /// <summary>The model (Tab lists the provider's); default seedance2.0-sp on JimmyAI, doubao-seedance-2.0-face on APIMart.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Hosting.VideoOptionCompleter))]
    public string? Model { get; set; }

    /// <summary>Length in seconds, 4-15.</summary>
    [Parameter]
    [ValidateRange(VideoCatalog.MinDurationSec, VideoCatalog.MaxDurationSec)]
    public int DurationSec { get; set; } = VideoCatalog.DefaultDurationSec;

    /// <summary>Aspect ratio: 16:9 (default), 9:16, 1:1, 4:3, 3:4, 21:9, and adaptive on APIMart.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Hosting.VideoOptionCompleter))]
    public string Ratio { get; set; } = VideoCatalog.DefaultRatio;

    /// <summary>480p, 720p or 1080p; default 720p on JimmyAI, 480p on APIMart.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Hosting.VideoOptionCompleter))]
    public string? Resolution { get; set; }

    /// <summary>Wait for the video as Wait-SeedanceVideo does, and output it finished.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With -Wait: how long the video may take, in seconds.</summary>
    [Parameter]
    [ValidateRange(1, 7 * 24 * 3600)]
    public int TimeoutSec { get; set; } = 1800;

    /// <summary>With -Wait: the longest gap between polls, in seconds.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int PollIntervalSec { get; set; } = 10;

    /// <summary>Send even when the ledger holds the same request still being made, made, or of unknown outcome.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ParameterSets.Asset)
        {
            assets.AddRange(Asset);
        }
        else
        {
            uris.AddRange(AssetUri);
        }
    }

    protected override void EndProcessing()
    {
        var (provider, endpoint, references) = ParameterSetName == ParameterSets.Asset ? FromAssets() : FromUris();
        EnsureConnection(provider);
        var clients = Clients.At(provider, endpoint);
        var request = new VideoRequest
        {
            Provider = provider,
            Prompt = Prompt,
            Model = Model,
            DurationSec = DurationSec,
            Ratio = Ratio,
            Resolution = Resolution,
            References = references,
        };

        var ledger = OpenLedger();
        RunToCompletion(ledger.CheckAsync(CancellationToken));
        var creator = new VideoCreator(clients, ledger, Reporter) { Force = Force };
        var earlier = RunToCompletion(token => creator.FindBlockingAsync(request, token));

        // An Unknown may be another run's request still in flight: unless only asked what would
        // happen, the claim decides (it waits for that run's answer, or finds the Unknown it left).
        if (earlier != null && (earlier.Status != VideoStatus.Unknown || WhatIfMode))
        {
            WriteWarning($"Not sent: {KnownVideos.Describe(earlier)}. Returning that video; use -Force to pay for another.");
            Finish(earlier, clients, ledger);
            return;
        }

        var what = $"{request.DurationSec} s {request.Resolution} {request.Ratio} video with {references.Count} reference(s), model {request.Model}: \"{Shorten(Prompt)}\"";
        var target = PaidTarget.Of(clients, Resolver, provider, RequestFor(provider));
        if (WhatIfMode && target.IsPublic)
        {
            WriteWarning(target.PublicUrlNotice());
        }

        if (!ShouldProcess($"would have {target} make a {what} (a paid request)", $"Have {target} make a {what}? It is a paid request.", "New-SeedanceVideo"))
        {
            return;
        }

        var made = RunToCompletion(token => creator.CreateAsync(request, token));
        var video = made.Video;
        if (!made.Sent)
        {
            if (made.SentByAnotherRun)
            {
                WriteVerbose($"Another run sent the same request at the same time (task {video.TaskId}); returning its video, and nothing more was paid.");
            }
            else
            {
                WriteWarning($"Not sent: {KnownVideos.Describe(video)}. Returning that video; use -Force to pay for another.");
            }

            Finish(video, clients, ledger);
            return;
        }

        if (video.Status == VideoStatus.Unknown)
        {
            WriteObject(video);
            WriteRealPersonError(new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.ConnectionError, video.Error ?? "The answer was lost.")
            {
                RecommendedAction = "Check the vendor's console before making it again; New-SeedanceVideo will not send the same request again without -Force.",
            }, video);
            return;
        }

        Finish(video, clients, ledger);
    }

    private void Finish(Video video, ProviderClients clients, Ledger.AssetLedger ledger)
    {
        // -WhatIf only says: it neither sends nor waits.
        if (!Wait || video.IsFinal || video.TaskId is null || WhatIfMode)
        {
            WriteObject(video);
            return;
        }

        var waiter = VideoWaits.Create(clients, TimeoutSec, PollIntervalSec, Reporter, ledger);
        waiter.Add(video);
        waiter.Complete();
        RunToCompletion(Task.Run(() => waiter.RunAsync(CancellationToken)));
    }

    private (Provider, string?, IReadOnlyList<string>) FromAssets()
    {
        Refuse(VideoReferences.CheckAssets(assets, Provider));
        return (assets[0].Provider, assets[0].Endpoint, VideoReferences.Of(assets));
    }

    private (Provider, string?, IReadOnlyList<string>) FromUris()
    {
        uris.RemoveAll(string.IsNullOrWhiteSpace);
        Refuse(VideoReferences.CheckGiven(uris));
        var ids = VideoReferences.IdsOf(uris);
        IReadOnlyList<Asset> known = Array.Empty<Asset>();
        try
        {
            var ledger = OpenLedger();
            known = RunToCompletion(token => ledger.FindAssetsAsync(new Ledger.AssetQuery { AssetIds = ids }, token));
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            WriteVerbose($"The ledger could not be read to find the assets' provider: {e.Message}");
        }

        Refuse(VideoReferences.CheckKnown(known, Provider));
        var fromLedger = Provider is null ? Ledger.LedgerProviders.For(known, ids) : null;
        var provider = InferProvider(Provider, fromLedger, uris);
        var endpoint = Ledger.LedgerProviders.EndpointOf(known, provider, ids.FirstOrDefault(), null);
        return (provider, endpoint, uris);
    }

    /// <summary>A refusal of the references (<see cref="VideoReferences"/>) ends the command: nothing is sent.</summary>
    private void Refuse(RealPersonError? refused)
    {
        if (refused != null)
        {
            ThrowTerminatingError(Hosting.ErrorRecords.From(refused.Exception, refused.Target));
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
}
