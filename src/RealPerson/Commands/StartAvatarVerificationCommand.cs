using System.Management.Automation;
using RealPerson.Providers;
using RealPerson.Verification;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Starts an APIMart liveness verification and shows its H5 link as a QR code.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "AvatarVerification")]
[OutputType(EngineTypeNames.AvatarVerification)]
public sealed class StartAvatarVerificationCommand : RealPersonConnectedCmdlet
{
    /// <summary>The vendor's own documentation example; the module polls, so nothing needs to listen there.</summary>
    public const string DefaultCallbackUrl = "https://example.com/callback";

    /// <summary>Where APIMart notifies when the person finishes (required by the vendor; this module polls instead).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string CallbackUrl { get; set; } = DefaultCallbackUrl;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ProjectName { get; set; } = ProjectNames.Default;

    /// <summary>Keep polling until the person has passed, and output the object with GroupId set.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Do not draw the link as a QR code in the console.</summary>
    [Parameter]
    public SwitchParameter NoQRCode { get; set; }

    /// <summary>The console has a light background: draw the QR code the other way round so that it scans.</summary>
    [Parameter]
    public SwitchParameter LightBackground { get; set; }

    /// <summary>Wait for the pass in a background (thread) job: the link is shown now, the job's output is the passed verification. Implies -Wait.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    /// <summary>Seconds between result polls while waiting (-Wait).</summary>
    [Parameter]
    [ValidateRange(1, 60)]
    public int PollIntervalSec { get; set; } = 2;

    protected override void EndProcessing()
    {
        if (Validation.InputValidator.CheckUrl(CallbackUrl, "CallbackUrl") is { } badUrl)
        {
            ThrowTerminatingError(Hosting.ErrorRecords.From(badUrl, CallbackUrl));
        }

        if (Validation.InputValidator.CheckProjectName(ProjectName) is { } badProject)
        {
            ThrowTerminatingError(Hosting.ErrorRecords.From(badProject, ProjectName));
        }

        var provider = ProviderRegistry.LivenessProvider;
        EnsureConnection(provider);
        var verifier = new AvatarVerifier(Clients.Verification(provider), Reporter, OpenLedger())
        {
            PollInterval = System.TimeSpan.FromSeconds(PollIntervalSec),
            Endpoint = Clients.Connection(provider).Endpoint,
        };
        var verification = RunToCompletion(token => verifier.StartAsync(CallbackUrl, ProjectName, token));

        var expires = verification.ExpiresAt?.ToLocalTime().ToString("T") ?? "in about two minutes";
        if (!NoQRCode)
        {
            ShowOnHost(Hosting.QrCodeText.Render(verification.H5Link!, LightBackground));
        }

        // The command to copy is a line of its own, short enough that no console of 80 columns or more breaks the id.
        ShowOnHost($"Have the person open this link on a phone and pass the check (expires {expires}):\n{verification.H5Link}\n" +
            $"If this is interrupted, resume it with:\nWait-AvatarVerification -TaskId {verification.TaskId}");

        if (AsJob)
        {
            var parameters = Hosting.BackgroundJob.Carried(this, nameof(CallbackUrl), nameof(ProjectName), nameof(Wait), nameof(NoQRCode), nameof(LightBackground));
            WriteObject(Hosting.BackgroundJob.Start(this, "Wait-AvatarVerification", parameters, new object[] { verification }));
            return;
        }

        if (Wait)
        {
            verification = RunToCompletion(token => verifier.WaitForPassAsync(verification, token));
        }

        WriteObject(verification);
    }

    /// <summary>Like Write-Host: shown on the console, kept out of the output, capturable as information (6>).</summary>
    private void ShowOnHost(string text) =>
        WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST" });
}
