using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Connections;

namespace RealPerson.Http;

/// <summary>
/// How many paid creates may be in flight at once for one account at one endpoint, found as TCP
/// finds a window: start moderately, grow by one with each clean answer up to the vendor's
/// documented limit, halve at once on 429 or 503 (the retry itself waits out Retry-After), then
/// grow slowly again. One per account and endpoint for the whole process, so every command and
/// every request of the session is counted against the same limit.
/// Written by hand: System.Threading.RateLimiting's ConcurrencyLimiter has a fixed limit.
/// </summary>
public sealed class AccountConcurrency
{
    /// <summary>Upstream allows about 30 creates in flight per account.</summary>
    public const int VendorLimit = 30;

    public const int Start = 8;

    private static readonly ConcurrentDictionary<string, AccountConcurrency> Accounts = new(StringComparer.Ordinal);

    private readonly object gate = new();
    private readonly Queue<TaskCompletionSource<bool>> waiting = new();
    private readonly int max;
    private readonly TimeProvider time;
    private double limit;
    private int inFlight;
    private bool slowStart = true;
    private DateTimeOffset lastCut = DateTimeOffset.MinValue;

    public AccountConcurrency(int start = Start, int max = VendorLimit, TimeProvider? time = null)
    {
        this.time = time ?? TimeProvider.System;
        this.max = Math.Max(1, max);
        limit = Math.Max(1, Math.Min(start, this.max));
    }

    /// <summary>The creates allowed in flight now.</summary>
    public int Limit
    {
        get
        {
            lock (gate)
            {
                return (int)limit;
            }
        }
    }

    /// <summary>The limit shared by everything this process sends to one account at one endpoint.</summary>
    public static AccountConcurrency For(ResolvedConnection connection) =>
        Accounts.GetOrAdd($"{connection.Provider}\n{connection.Endpoint}\n{connection.Account}", _ => new AccountConcurrency(time: connection.Time));

    /// <summary>Waits for a slot; dispose the result when the request has its answer.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource<bool> turn;
        lock (gate)
        {
            if (inFlight < (int)limit && waiting.Count == 0)
            {
                inFlight++;
                return new Slot(this);
            }

            turn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Enqueue(turn);
        }

        using (cancellationToken.Register(() => turn.TrySetCanceled()))
        {
            await turn.Task.ConfigureAwait(false);
        }

        return new Slot(this);
    }

    /// <summary>A clean answer: one more in flight (slow start), or one more per window's worth (after a cut).</summary>
    public void Succeeded()
    {
        lock (gate)
        {
            limit = Math.Min(max, limit + (slowStart ? 1 : 1 / limit));
            Pump();
        }
    }

    /// <summary>429 or 503: halve at once; several such answers to one burst count as one.</summary>
    public void Overloaded()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (now - lastCut < TimeSpan.FromSeconds(1))
            {
                return;
            }

            lastCut = now;
            slowStart = false;
            limit = Math.Max(1, Math.Floor(limit / 2));
        }
    }

    private void Release()
    {
        lock (gate)
        {
            inFlight--;
            Pump();
        }
    }

    private void Pump()
    {
        while (inFlight < (int)limit && waiting.Count > 0)
        {
            // A waiter that gave up (cancelled) is skipped; its slot goes to the next.
            if (waiting.Dequeue().TrySetResult(true))
            {
                inFlight++;
            }
        }
    }

    private sealed class Slot : IDisposable
    {
        private AccountConcurrency? owner;

        public Slot(AccountConcurrency owner) => this.owner = owner;

        public void Dispose() => Interlocked.Exchange(ref owner, null)?.Release();
    }
}
