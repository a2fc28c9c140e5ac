namespace RealPerson.Reporting;

/// <summary>
/// How the engine talks to its host (a cmdlet, or a test). Implementations may be called from any
/// thread; the module's implementation queues each call for the pipeline thread.
/// </summary>
public interface IReporter
{
    void Output(object item);

    void Error(RealPersonError error);

    void Warning(string message);

    /// <summary>Whether verbose text is shown; the engine builds costly text (a line per HTTP call) only then.</summary>
    bool VerboseEnabled { get; }

    /// <summary>Whether debug text is shown; request and response bodies are decoded and redacted only then.</summary>
    bool DebugEnabled { get; }

    void Verbose(string message);

    void Debug(string message);

    void Progress(ProgressReport report);
}
