using System;
using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Clock;

/// <summary>
/// A token cancelled with the caller's, or once <c>limit</c> has passed on the given clock (so a
/// test's fake clock can run a request or a download out of time without waiting for it).
/// </summary>
internal sealed class TimeLimit : IDisposable
{
    private readonly CancellationTokenSource expiry;
    private readonly CancellationTokenSource linked;

    public TimeLimit(TimeProvider time, TimeSpan limit, CancellationToken cancellationToken)
    {
        expiry = time.CreateCancellationTokenSource(limit);
        linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
    }

    public CancellationToken Token => linked.Token;

    public void Dispose()
    {
        linked.Dispose();
        expiry.Dispose();
    }
}
