using System;
using System.Management.Automation;
using RealPerson.Connections;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Forgets the session defaults that Connect-RealPerson set.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "RealPerson")]
[OutputType(typeof(void))]
public sealed class DisconnectRealPersonCommand : RealPersonCmdlet
{
    /// <summary>The providers to forget; all when left out.</summary>
    [Parameter(Position = 0)]
    public Provider[]? Provider { get; set; }

    protected override void EndProcessing()
    {
        foreach (var provider in Provider ?? (Provider[])Enum.GetValues(typeof(Provider)))
        {
            if (Session.Remove(provider))
            {
                WriteVerbose($"{provider}: session defaults removed.");
            }
        }
    }
}
