using System.Management.Automation;
using RealPerson.Verification;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Waits until the person has passed an APIMart liveness check started earlier, and outputs it with its GroupId.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "AvatarVerification")]
[OutputType(EngineTypeNames.AvatarVerification)]
public sealed class WaitAvatarVerificationCommand : RealPersonConnectedCmdlet
{
    /// <summary>The verification from Start-AvatarVerification (without -Wait).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public AvatarVerification InputObject { get; set; } = null!;

    /// <summary>Seconds between result polls.</summary>
    [Parameter]
    [ValidateRange(1, 60)]
    public int PollIntervalSec { get; set; } = 2;

    protected override void ProcessRecord()
    {
        if (InputObject.Status == VerificationStatus.Passed && InputObject.GroupId != null)
        {
            WriteObject(InputObject);
            return;
        }

        if (string.IsNullOrEmpty(InputObject.BytedToken))
        {
            WriteRealPersonError(new RealPersonException(ErrorIds.VerificationFailed, FailureCategory.InvalidArgument,
                "This verification has no BytedToken to ask about; start a new one with Start-AvatarVerification."), InputObject);
            return;
        }

        EnsureConnection(Provider.APIMart, InputObject);
        var verifier = new AvatarVerifier(Clients.ApiMart, Reporter) { PollInterval = System.TimeSpan.FromSeconds(PollIntervalSec) };
        var passed = RunToCompletion(token => verifier.WaitForPassAsync(InputObject, token));
        WriteObject(passed);
    }
}
