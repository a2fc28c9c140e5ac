namespace RealPerson;

/// <summary>A reporter that drops everything, for callers that only want return values.</summary>
public sealed class NullReporter : IReporter
{
    public static readonly NullReporter Instance = new();

    public void Output(object item) { }

    public void Error(RealPersonError error) { }

    public void Warning(string message) { }

    public void Verbose(string message) { }

    public void Debug(string message) { }

    public void Progress(ProgressReport report) { }
}
