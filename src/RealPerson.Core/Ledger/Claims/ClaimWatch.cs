using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
namespace RealPerson.Ledger.Claims;

/// <summary>
/// Requests another live run is sending right now (their claims were Held): watched in the ledger,
/// all with one question per round, while this run goes on with its other work. When a claim is
/// no longer held (its run recorded an answer, or died and its lease ran out) the request is
/// claimed again, which answers it with the other run's result (or Unknown, when that run died
/// before it knew), or sends it when the other run's request never reached the vendor.
/// </summary>
/// <typeparam name="T">What this run was about to send.</typeparam>
public sealed class ClaimWatch<T>
    where T : class
{
    private static readonly TimeSpan FirstLook = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestLook = TimeSpan.FromSeconds(1);

    private readonly AssetLedger ledger;
    private readonly Func<T, Task> claimAgain;
    private readonly Action<T> giveUp;
    private readonly TimeSpan patience;
    private readonly object gate = new();
    private readonly Dictionary<T, (string Identity, DateTimeOffset GiveUpAt)> watched = new();
    private readonly List<Task> claimsAgain = new();
    private Task running = Task.CompletedTask;

    /// <param name="claimAgain">Claims the request again (and sends it if this run wins).</param>
    /// <param name="giveUp">Answers a request whose claim is still held after <paramref name="patience"/>.</param>
    public ClaimWatch(AssetLedger ledger, Func<T, Task> claimAgain, Action<T> giveUp, TimeSpan patience)
    {
        this.ledger = ledger;
        this.claimAgain = claimAgain;
        this.giveUp = giveUp;
        this.patience = patience;
    }

    public void Add(T request, string identity, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            watched[request] = (identity, ledger.Time.GetUtcNow() + patience);
            if (running.IsCompleted)
            {
                running = Task.Run(() => WatchAsync(cancellationToken), CancellationToken.None);
            }
        }
    }

    /// <summary>Ends when nothing is watched and every input claimed again has its answer.</summary>
    public Task WhenDoneAsync()
    {
        lock (gate)
        {
            return running;
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var wait = FirstLook;
        while (true)
        {
            List<KeyValuePair<T, (string Identity, DateTimeOffset GiveUpAt)>> now;
            Task[] pending;
            lock (gate)
            {
                claimsAgain.RemoveAll(t => t.IsCompleted);
                if (watched.Count == 0 && claimsAgain.Count == 0)
                {
                    running = Task.CompletedTask;
                    return;
                }

                now = watched.ToList();
                pending = claimsAgain.ToArray();
            }

            if (now.Count == 0)
            {
                // Only claims made again are open: they may be Held again and come back here.
                await Task.WhenAny(pending).ConfigureAwait(false);
                continue;
            }

            await ledger.Time.Delay(wait, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min(LongestLook.Ticks, wait.Ticks * 2));
            var clock = ledger.Time.GetUtcNow();
            HashSet<string> held;
            try
            {
                held = new HashSet<string>(await ledger.HeldAsync(now.Select(w => w.Value.Identity).Distinct().ToList(), cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is RealPersonException || e is System.IO.IOException)
            {
                // The ledger out of reach for a moment (a database restart, a lock timeout, a share
                // that blinks): every claim counts as still held this round, and is looked at again.
                held = new HashSet<string>(now.Select(w => w.Value.Identity));
            }

            foreach (var (input, (identity, giveUpAt)) in now.Select(w => (w.Key, w.Value)))
            {
                if (held.Contains(identity) && clock < giveUpAt)
                {
                    continue;
                }

                lock (gate)
                {
                    watched.Remove(input);
                }

                if (held.Contains(identity))
                {
                    giveUp(input);
                    continue;
                }

                var again = claimAgain(input);
                lock (gate)
                {
                    claimsAgain.Add(again);
                }
            }
        }
    }
}
