using RealPerson.Reporting;

namespace RealPerson.Harness;

/// <summary>Prints warnings and errors, counts outputs; what a runbook host would show.</summary>
internal sealed class ConsoleReporter : IReporter
{
    private int outputs;
    private int errors;
    private int unknowns;

    public int Outputs => outputs;

    /// <summary>Assets output with Status Unknown (an answer that could not be learned).</summary>
    public int Unknowns => unknowns;

    public int Errors => errors;

    public bool Quiet { get; init; }

    public bool VerboseEnabled => false;

    public bool DebugEnabled => false;

    public void Output(object item)
    {
        Interlocked.Increment(ref outputs);
        if (item is Asset { Status: AssetStatus.Unknown })
        {
            Interlocked.Increment(ref unknowns);
        }
    }

    public void Error(RealPersonError error)
    {
        Interlocked.Increment(ref errors);
        if (!Quiet)
        {
            Console.Error.WriteLine($"error {error.Exception.ErrorId}: {error.Exception.Message}");
        }
    }

    public void Warning(string message)
    {
        if (!Quiet)
        {
            Console.Error.WriteLine("warning: " + message);
        }
    }

    public void Verbose(string message)
    {
    }

    public void Debug(string message)
    {
    }

    public void Progress(ProgressReport report)
    {
    }
}
