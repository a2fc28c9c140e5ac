using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;

namespace RealPerson.Hosting;

/// <summary>
/// -AsJob: runs one of this module's commands as a thread job in this process, so the session's
/// connections (keys, base URLs, retries) are the job's too without passing them again, and the
/// job's output is the same objects. Needs the ThreadJob module, which ships with PowerShell 7.
/// </summary>
internal static class BackgroundJob
{
    private const string Runner = @"
param($Manifest, $Command, $Parameters, $Items)
Import-Module $Manifest
if ($null -ne $Items) { $Items | & $Command @Parameters } else { & $Command @Parameters }";

    /// <summary>Starts <paramref name="command"/> with <paramref name="parameters"/> (and <paramref name="items"/> piped in) and returns the job.</summary>
    public static PSObject Start(PSCmdlet cmdlet, string command, IDictionary parameters, IList? items)
    {
        // The manifest beside bin/, where RealPerson.dll is: the same layout in the repository and the package.
        var bin = Path.GetDirectoryName(typeof(BackgroundJob).Assembly.Location)!;
        var manifest = Path.Combine(Path.GetDirectoryName(bin)!, "RealPerson.psd1");
        var start = ScriptBlock.Create("param($Runner, $Arguments, $Name) Start-ThreadJob -ScriptBlock ([scriptblock]::Create($Runner)) -ArgumentList $Arguments -Name $Name");
        var arguments = new object?[] { manifest, command, parameters, items };
        var started = cmdlet.InvokeCommand.InvokeScript(false, start, null, Runner, arguments, command);
        return started[0];
    }

    /// <summary>The parameters the user bound, less the ones the job does not take again.</summary>
    public static Hashtable Carried(PSCmdlet cmdlet, params string[] leaveOut)
    {
        var carried = new Hashtable();
        var skip = new HashSet<string>(leaveOut) { "AsJob" };
        foreach (var pair in cmdlet.MyInvocation.BoundParameters)
        {
            if (!skip.Contains(pair.Key))
            {
                carried[pair.Key] = pair.Value;
            }
        }

        return carried;
    }
}
