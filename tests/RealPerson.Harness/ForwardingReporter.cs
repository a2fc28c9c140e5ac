using RealPerson.Reporting;
using RealPerson.Waiting;

namespace RealPerson.Harness;

/// <summary>
/// What Submit | Wait does in a pipeline: each submitted asset goes on to the waiter, and everything
/// the submission says (its outputs too) is also told to <c>inner</c>.
/// </summary>
public sealed class ForwardingReporter : IReporter
{
    private readonly IReporter inner;
    private readonly AssetWaiter waiter;

    public ForwardingReporter(IReporter inner, AssetWaiter waiter)
    {
        this.inner = inner;
        this.waiter = waiter;
    }

    public void Output(object item)
    {
        inner.Output(item);
        if (item is Asset asset)
        {
            waiter.Add(asset);
        }
    }

    public void Error(RealPersonError error) => inner.Error(error);

    public void Warning(string message) => inner.Warning(message);

    public bool VerboseEnabled => inner.VerboseEnabled;

    public bool DebugEnabled => inner.DebugEnabled;

    public void Verbose(string message) => inner.Verbose(message);

    public void Debug(string message) => inner.Debug(message);

    public void Progress(ProgressReport report) => inner.Progress(report);
}
