using System.Management.Automation;
using RealPerson.Providers;
using RealPerson.Verification;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Waits until the person has passed an APIMart liveness check started earlier, and outputs it with its GroupId.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "AvatarVerification", DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(EngineTypeNames.AvatarVerification)]
public sealed class WaitAvatarVerificationCommand : RealPersonConnectedCmdlet
{
    /// <summary>The verification from Start-AvatarVerification (without -Wait).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ParameterSets.InputObject)]
    [ValidateNotNull]
    public AvatarVerification InputObject { get; set; } = null!;

    /// <summary>
    /// The verification's step-1 task (printed by Start-AvatarVerification and kept in the ledger):
    /// resumes a verification whose object was lost, say to Ctrl+C.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.TaskId, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Hosting.LedgerCompleter))]
    public string TaskId { get; set; } = string.Empty;

    /// <summary>The project the verification was started in; the ledger's, else "default".</summary>
    [Parameter(ParameterSetName = ParameterSets.TaskId)]
    [ValidateNotNullOrEmpty]
    public string? ProjectName { get; set; }

    /// <summary>Seconds between result polls.</summary>
    [Parameter]
    [ValidateRange(1, 60)]
    public int PollIntervalSec { get; set; } = 2;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ParameterSets.TaskId)
        {
            ResumeByTaskId();
            return;
        }

        if (InputObject.Status == VerificationStatus.Passed && InputObject.GroupId != null)
        {
            WriteObject(InputObject);
            return;
        }

        if (string.IsNullOrEmpty(InputObject.BytedToken))
        {
            // An object rebuilt from a CSV or the ledger has no token: its task gives it again.
            if (!string.IsNullOrEmpty(InputObject.TaskId))
            {
                TaskId = InputObject.TaskId!;
                ProjectName = InputObject.ProjectName;
                ResumeByTaskId();
                return;
            }

            WriteRealPersonError(new RealPersonException(ErrorIds.VerificationFailed, FailureCategory.InvalidArgument,
                "This verification has neither a BytedToken nor a TaskId to ask about; start a new one with Start-AvatarVerification."), InputObject);
            return;
        }

        EnsureConnection(ProviderRegistry.LivenessProvider, InputObject);
        WriteObject(RunToCompletion(token => Verifier().WaitForPassAsync(InputObject, token)));
    }

    private void ResumeByTaskId()
    {
        if (Validation.InputValidator.CheckId(TaskId, "TaskId") is { } bad)
        {
            WriteRealPersonError(bad, TaskId);
            return;
        }

        EnsureConnection(ProviderRegistry.LivenessProvider, TaskId);
        var verifier = Verifier();
        var known = RunToCompletion(token => OpenLedger().ReadEventsAsync(new[] { Ledger.LedgerEvent.Verification }, token));
        var recorded = System.Linq.Enumerable.FirstOrDefault(Ledger.VerificationRecords.Fold(known), v => v.TaskId == TaskId);
        if (recorded is { Status: VerificationStatus.Passed, GroupId: not null })
        {
            WriteObject(recorded);
            return;
        }

        var project = ProjectName ?? recorded?.ProjectName ?? ProjectNames.Default;
        var session = RunToCompletion(token => verifier.ResumeAsync(TaskId, project, token));
        WriteInformation(new HostInformationMessage
        {
            Message = $"Have the person open this link on a phone and pass the check (expires {session.ExpiresAt?.ToLocalTime().ToString("T") ?? "soon"}):\n{session.H5Link}",
        }, new[] { "PSHOST" });
        WriteObject(RunToCompletion(token => verifier.WaitForPassAsync(session, token)));
    }

    private AvatarVerifier Verifier() => new(Clients.Verification(ProviderRegistry.LivenessProvider), Reporter, OpenLedger())
    {
        PollInterval = System.TimeSpan.FromSeconds(PollIntervalSec),
        Endpoint = Clients.Connection(ProviderRegistry.LivenessProvider).Endpoint,
    };
}
