using System;
using System.Collections.Generic;
using System.Reflection;

namespace RealPerson.Videos;

/// <summary>
/// Runs clean-up when the process is told to end: on SIGTERM and SIGHUP (and their Windows
/// equivalents) where the runtime can report them (PosixSignalRegistration, .NET 6+, reached by
/// reflection because the engine targets netstandard2.0; pwsh does not raise ProcessExit for
/// SIGTERM), and at ProcessExit everywhere. Ctrl+C is not here: it cancels the command, whose own
/// clean-up runs. SIGKILL and a power cut cannot be seen; a later run sweeps what they leave.
/// </summary>
internal static class ProcessTermination
{
    private static readonly string[] Signals = { "SIGTERM", "SIGHUP" };

    // Kept alive: a registration that is collected stops listening.
    private static readonly List<object> Registrations = new();

    /// <summary>Calls <paramref name="cleanUp"/> (once per signal; it must be quick and never throw) when the process ends.</summary>
    public static void OnEnd(Action cleanUp)
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cleanUp();
        var registration = Type.GetType("System.Runtime.InteropServices.PosixSignalRegistration, System.Runtime.InteropServices", throwOnError: false);
        var signal = Type.GetType("System.Runtime.InteropServices.PosixSignal, System.Runtime.InteropServices", throwOnError: false);
        var context = Type.GetType("System.Runtime.InteropServices.PosixSignalContext, System.Runtime.InteropServices", throwOnError: false);
        if (registration is null || signal is null || context is null)
        {
            return;
        }

        var handlerType = typeof(Action<>).MakeGenericType(context);
        var create = registration.GetMethod("Create", new[] { signal, handlerType });
        var run = typeof(Handler).GetMethod(nameof(Handler.Run))!.MakeGenericMethod(context);
        var handler = Delegate.CreateDelegate(handlerType, new Handler(cleanUp), run);
        foreach (var name in Signals)
        {
            try
            {
                // The handler leaves the signal's default (the process ends) as it is.
                var made = create?.Invoke(null, new[] { Enum.Parse(signal, name), handler });
                if (made != null)
                {
                    lock (Registrations)
                    {
                        Registrations.Add(made);
                    }
                }
            }
            catch (TargetInvocationException)
            {
                // A platform without that signal: ProcessExit is all there is.
            }
        }
    }

    private sealed class Handler
    {
        private readonly Action cleanUp;

        public Handler(Action cleanUp) => this.cleanUp = cleanUp;

        public void Run<TContext>(TContext context) => cleanUp();
    }
}
