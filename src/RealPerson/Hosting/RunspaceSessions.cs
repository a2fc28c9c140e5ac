using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using RealPerson.Connections;

namespace RealPerson.Hosting;

/// <summary>
/// Connect-RealPerson's session defaults, one set per runspace (PSOpenAD's pattern): a key set in
/// one runspace is never used by another in the same process (hosted runspaces, the Azure
/// Functions worker's concurrent runspaces, a host serving several users). Each set lives as long
/// as its runspace. -AsJob hands the caller's set to its job explicitly (<see cref="BackgroundJob"/>).
/// </summary>
internal static class RunspaceSessions
{
    private static readonly ConditionalWeakTable<Runspace, SessionConnections> Sessions = new();

    /// <summary>The set of the runspace running on this thread: call it on a cmdlet's pipeline thread.</summary>
    public static SessionConnections Current => Sessions.GetValue(ThisRunspace(), _ => new SessionConnections());

    /// <summary>Makes <paramref name="carried"/> the set of the runspace on this thread (an -AsJob job's, as it starts).</summary>
    public static void Adopt(SessionConnections carried)
    {
        var runspace = ThisRunspace();
        Sessions.Remove(runspace);
        Sessions.Add(runspace, carried);
    }

    private static Runspace ThisRunspace() =>
        Runspace.DefaultRunspace ?? throw new InvalidOperationException("No PowerShell runspace runs on this thread, so there is no session to use.");
}
