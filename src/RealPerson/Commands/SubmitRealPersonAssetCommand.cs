using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using RealPerson.Connections;
using RealPerson.Submission;
using RealPerson.Vendors;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Submits portraits or clips for real-person review (whitelisting).</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Submit, "RealPersonAsset", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(EngineTypeNames.Asset)]
public sealed class SubmitRealPersonAssetCommand : RealPersonConnectedCmdlet
{
    private AssetSubmitter? submitter;
    private KnownSubmissions known = KnownSubmissions.None;
    private Task? work;
    private int rowsTaken;

    // -WhatIf: the inputs it would send (a repeat is sent once), and each provider's target, said once.
    private readonly System.Collections.Generic.HashSet<string> firstOfEach = new(StringComparer.Ordinal);
    private readonly System.Collections.Generic.Dictionary<Provider, PaidTarget> targets = new();

    // Not Mandatory: a row without Name and Url columns then reaches ProcessRecord, which names the
    // columns it needs once, instead of PowerShell's bare binding error on every row.
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Name { get; set; } = string.Empty;

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Url { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Provider? Provider { get; set; }

    /// <summary>APIMart: the asset group from a passed liveness check (Start-AvatarVerification -Wait).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? GroupId { get; set; }

    [Parameter]
    public AssetType AssetType { get; set; } = AssetType.Video;

    /// <remarks>An empty value (a Jimmy AI asset, a blank CSV cell) means "default".</remarks>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? ProjectName { get; set; } = ProjectNames.Default;

    /// <summary>Requests in flight at once (1 to 30).</summary>
    [Parameter]
    [ValidateRange(1, SubmitOptions.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = SubmitOptions.DefaultThrottleLimit;

    /// <summary>Submit even what the ledger says was already submitted (and may have been paid for).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// Before paying, fetch the first (and last) bytes of each URL and check what upstream refuses:
    /// reachable, format, size, sides 300-6000 px, aspect 0.4-2.5, clips 2-15 s. Default: $env:REALPERSON_PREFLIGHT.
    /// </summary>
    [Parameter]
    public SwitchParameter Preflight { get; set; }

    /// <summary>The whole piped object, kept only to be the TargetObject of its errors.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The proxy Connect-RealPerson -Proxy set (for -Provider, else for either provider); null for the system's.</summary>
    private ProxySettings? SessionProxy() =>
        (Provider is { } named ? new[] { named } : (Provider[])Enum.GetValues(typeof(Provider)))
            .Select(p => Session.Get(p)?.Proxy)
            .FirstOrDefault(proxy => proxy != null);

    /// <summary>-Preflight given (or -Preflight:$false), else the environment's default.</summary>
    private bool PreflightWanted() =>
        MyInvocation.BoundParameters.ContainsKey(nameof(Preflight)) ? Preflight.IsPresent : EnvironmentVariables.IsOn(System.Environment.GetEnvironmentVariable(EnvironmentVariables.Preflight));

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        HoldErrorsUntilDone();
        var ledger = OpenLedger();

        // A ledger that cannot be used (a database out of reach, a wrong password) stops the run here, before anything is sent.
        RunToCompletion(ledger.CheckAsync(CancellationToken));
        if (!Force)
        {
            // Once, here, so that -WhatIf can say what it would skip and the run skips the same.
            var skipped = 0;
            known = RunToCompletion(token => KnownSubmissions.LoadAsync(ledger, count => skipped = count, token));
            if (skipped > 0)
            {
                WriteWarning($"The ledger '{ledger.Path}' has {skipped} unreadable line(s) (a write cut short); they were skipped.");
            }

        }

        submitter = new AssetSubmitter(Clients, new SubmitOptions
        {
            ThrottleLimit = ThrottleLimit,
            Force = Force.IsPresent,
            Known = known,
            Preflight = PreflightWanted() ? new RealPerson.Preflight.PreflightChecker(SessionProxy(), Reporter) : null,
        }, Reporter, ledger);
        work = Task.Run(() => submitter.RunAsync(CancellationToken));
    }

    protected override void ProcessRecord()
    {
        if (MissingColumns() is { } missing)
        {
            // Nothing at all, or rows of other columns before any was taken: the input's shape is wrong,
            // one clear stop with nothing sent. A null or bare text in the pipeline is one bad row.
            var wrongShape = InputObject is null ? !MyInvocation.ExpectingInput : rowsTaken == 0 && !(InputObject.BaseObject is string);
            if (wrongShape)
            {
                submitter!.Complete();
                ThrowTerminating(Hosting.ErrorRecords.From(missing, InputObject));
            }

            // Later rows: requests may be in flight, so this row alone is refused.
            WriteRealPersonError(missing, InputObject);
            return;
        }

        rowsTaken++;

        if (submitter!.StoppedBy != null)
        {
            // A refused key, an empty balance or an unreachable vendor: stop the pipeline now, with its cause.
            submitter.Complete();
            RunToCompletion(work!);
        }

        var provider = InferProvider(Provider, null, Name);
        var item = new SubmitItem
        {
            Provider = provider,
            Name = Name,
            Url = Url,
            GroupId = GroupId,
            AssetType = AssetType,
            ProjectName = string.IsNullOrWhiteSpace(ProjectName) ? ProjectNames.Default : ProjectName!,
            Target = CurrentPipelineObject(),
        };
        if (AssetSubmitter.Check(item) is { } refused)
        {
            // Refused before anything is paid, by the same rules in both modes: the run reports it in
            // its place among the results; -WhatIf reports it the same way, never as a paid request.
            if (WhatIfMode)
            {
                WriteRealPersonError(refused, item.Target);
            }
            else
            {
                Take(item);
            }

            Reporter.Drain(this);
            return;
        }

        var target = TargetOf(provider);

        // What the ledger holds only matters to what -WhatIf and -Confirm say (the run checks it itself).
        var earlier = WhatIfMode || MyInvocation.BoundParameters.ContainsKey("Confirm") ? FindKnown(item) : null;
        var url = Reporting.UrlText.Redact(Url);
        var action = earlier != null
            ? $"would skip '{Name}' ({url}) (already known to {target}: {KnownSubmissions.Describe(earlier)}); nothing is paid"
            : !firstOfEach.Add(DedupeKeys.For(item))
                ? $"would skip '{Name}' ({url}): it repeats an earlier row of this input, which is sent once; nothing more is paid"
                : $"would send '{Name}' ({url}) to {target} for review (a paid request)";
        if (ShouldProcess(action, $"Submit '{Name}' ({url}) to {target} for review? It is a paid request.", "Submit-RealPersonAsset"))
        {
            EnsureConnection(provider, Name);
            Take(item);
        }

        Reporter.Drain(this);
    }

    /// <summary>
    /// Hands an input to the run once it has room (a fast source, Import-Csv of 100,000 rows, is not
    /// read into memory whole), writing what the run says meanwhile.
    /// </summary>
    private void Take(SubmitItem item) => RunToCompletion(submitter!.AddAsync(item, CancellationToken));

    /// <summary>Where this run would send a provider's inputs; under -WhatIf, what would stop it or make it real is said once.</summary>
    private PaidTarget TargetOf(Provider provider)
    {
        if (targets.TryGetValue(provider, out var known))
        {
            return known;
        }

        var target = PaidTarget.Of(Clients, Resolver, provider, RequestFor(provider));
        targets[provider] = target;
        if (WhatIfMode && target.MissingKey is { } missing)
        {
            WriteWarning($"The real run would send nothing to {provider}: {missing.Message}");
        }
        else if (WhatIfMode && target.IsPublic)
        {
            WriteWarning(target.PublicUrlNotice());
        }

        return target;
    }

    protected override void EndProcessing()
    {
        submitter!.Complete();
        RunToCompletion(work!);
        WriteHeldErrors();
    }

    /// <summary>
    /// The ledger's earlier submission of this input to this endpoint and account. Without a key
    /// (-WhatIf needs none) the endpoint alone is matched, under any account.
    /// </summary>
    private Asset? FindKnown(SubmitItem item)
    {
        try
        {
            var connection = Clients.Connection(item.Provider);
            return known.Find(item, connection.Endpoint, connection.Account);
        }
        catch (RealPersonException) when (!Force)
        {
            var request = RequestFor(item.Provider);
            var endpoint = Resolver.ResolveEndpoint(item.Provider, request);
            return endpoint is null ? null : known.Find(item, endpoint, null);
        }
    }

    /// <summary>
    /// An input that cannot be a portrait at all: a piped row without Name or Url properties (a CSV
    /// with other column names), or nothing named on the command line.
    /// </summary>
    private RealPersonException? MissingColumns()
    {
        if (InputObject is null)
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Name)) || MyInvocation.BoundParameters.ContainsKey(nameof(Url)))
            {
                return null;
            }

            if (MyInvocation.ExpectingInput)
            {
                return new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument, "A null came in through the pipeline; it was skipped.");
            }

            // Nothing piped and nothing named: there is nothing to submit, and a prompt could not ask for a row.
            return new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
                "Give -Name and -Url, or pipe rows with Name and Url columns (Import-Csv portraits.csv | Submit-RealPersonAsset).");
        }

        // Named on the command line or bound from the row: either way, there.
        var lacking = new[] { nameof(Name), nameof(Url) }.Where(p => !MyInvocation.BoundParameters.ContainsKey(p)).ToList();
        if (lacking.Count == 0)
        {
            return null;
        }

        if (InputObject.BaseObject is string text)
        {
            return new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
                $"'{text}' came in as bare text; Submit-RealPersonAsset needs objects with Name and Url (rows from Import-Csv, or [pscustomobject]@{{ Name = ...; Url = ... }}).");
        }

        var names = InputObject.Properties.Select(p => p.Name).ToList();
        var shown = names.Count == 0 ? "none" : string.Join(", ", names.Take(12)) + (names.Count > 12 ? ", ..." : string.Empty);
        return new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
            $"The input has no {string.Join(" or ", lacking)} column (its columns: {shown}). Each row needs Name (who the person is) and Url (the portrait or clip); nothing was sent.")
        {
            RecommendedAction = "Rename the columns, for example: Import-Csv people.csv | Select-Object @{ n = 'Name'; e = { $_.Person } }, @{ n = 'Url'; e = { $_.Photo } } | Submit-RealPersonAsset",
        };
    }

    /// <summary>The piped object when there is one, else the values named on the command line.</summary>
    private object CurrentPipelineObject()
    {
        if (InputObject != null)
        {
            return InputObject;
        }

        var values = new PSObject();
        values.Properties.Add(new PSNoteProperty(nameof(Name), Name));
        values.Properties.Add(new PSNoteProperty(nameof(Url), Url));
        return values;
    }
}
