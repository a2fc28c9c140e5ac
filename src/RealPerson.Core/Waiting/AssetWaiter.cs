using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using RealPerson.Ledger;
using RealPerson.Validation;

namespace RealPerson.Waiting;

/// <summary>
/// Polls many assets until each is Active or Failed, handing each out the moment it is final.
/// Every asset that goes in comes out exactly once, in its last known state: a Failed asset also as
/// an <see cref="ErrorIds.AssetReviewFailed"/> error, one still Processing at its deadline as a
/// <see cref="ErrorIds.WaitTimeout"/> error. Inputs may keep arriving while it polls.
/// </summary>
public sealed class AssetWaiter
{
    private const int ProgressActivityId = 0x5250;

    private readonly Func<Provider, string?, IStatusSource> sources;
    private readonly WaitOptions options;
    private readonly IReporter reporter;
    private readonly AssetLedger? ledger;
    private readonly Channel<(Asset Asset, object? Target)> inputs = Channel.CreateUnbounded<(Asset, object?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<WaitEntry> pending = new();
    private int active;
    private int failed;
    private int timedOut;
    private int total;

    public AssetWaiter(Func<Provider, string?, IStatusSource> sources, WaitOptions options, IReporter reporter, AssetLedger? ledger = null)
    {
        this.sources = sources;
        this.options = options;
        this.reporter = reporter;
        this.ledger = ledger;
    }

    /// <summary>Hands an asset to the wait; thread-safe, and allowed while <see cref="RunAsync"/> runs.</summary>
    public void Add(Asset asset, object? target = null) => inputs.Writer.TryWrite((asset, target ?? asset));

    /// <summary>Says no more assets will come; <see cref="RunAsync"/> ends once the last is out.</summary>
    public void Complete() => inputs.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var round = 0;
        var inputOpen = true;
        DateTimeOffset? nextPollAt = null;
        while (true)
        {
            var arrived = TakeArrivals(ref inputOpen);
            if (pending.Count == 0)
            {
                nextPollAt = null;
                round = 0;
                if (!inputOpen)
                {
                    break;
                }

                ReportProgress();
                inputOpen = await inputs.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var now = DateTimeOffset.UtcNow;
            if (arrived > 0)
            {
                // New assets are polled soon, but arrivals never push back a poll already due:
                // a steady stream of input (Submit | Wait over a long CSV) must not starve polling.
                round = 0;
                var soon = now + options.DelayBefore(0);
                nextPollAt = nextPollAt is { } due && due < soon ? due : soon;
            }

            nextPollAt ??= now + options.DelayBefore(round);
            ReportProgress();
            var wakeAt = Min(nextPollAt.Value, pending.Min(e => e.Deadline));
            var delay = Max(wakeAt - now, TimeSpan.Zero);
            if (await WaitForArrivalOrDelayAsync(delay, inputOpen, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await PollAsync(cancellationToken).ConfigureAwait(false);
            ExpireOverdue();
            round++;
            nextPollAt = DateTimeOffset.UtcNow + options.DelayBefore(round);
        }

        reporter.Progress(new ProgressReport(ProgressActivityId, "Waiting for review", "Done", 100, completed: true));
    }

    private int TakeArrivals(ref bool inputOpen)
    {
        var count = 0;
        while (inputs.Reader.TryRead(out var item))
        {
            count++;
            total++;
            Accept(item.Asset, item.Target);
        }

        if (inputs.Reader.Completion.IsCompleted)
        {
            inputOpen = false;
        }

        return count;
    }

    private void Accept(Asset asset, object? target)
    {
        var now = DateTimeOffset.UtcNow;
        var entry = new WaitEntry(asset.Clone(), target, now, now + options.Timeout);
        var problem = Check(asset);
        if (problem != null)
        {
            Emit(entry, problem);
            return;
        }

        if (asset.IsFinal)
        {
            Emit(entry, null);
            return;
        }

        pending.Add(entry);
    }

    private static RealPersonException? Check(Asset asset)
    {
        if (asset.AssetId != null && InputValidator.CheckId(asset.AssetId, "AssetId") is { } badId)
        {
            return badId;
        }

        if (asset.TaskId != null && InputValidator.CheckId(asset.TaskId, "TaskId") is { } badTask)
        {
            return badTask;
        }

        if (asset.AssetId is null && asset.TaskId is null && !asset.IsFinal)
        {
            return new RealPersonException(ErrorIds.AssetNotPollable, FailureCategory.InvalidData,
                $"The asset '{asset.Name}' has neither an AssetId nor a TaskId, so its review cannot be followed" +
                (asset.Status == AssetStatus.Unknown ? ". Its submission's outcome is unknown: check the vendor's console, then resubmit with -Force if it is not there." : "."));
        }

        return null;
    }

    private async Task<bool> WaitForArrivalOrDelayAsync(TimeSpan delay, bool inputOpen, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return false;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sleep = Task.Delay(delay, timer.Token);
        if (!inputOpen)
        {
            await sleep.ConfigureAwait(false);
            return false;
        }

        var arrival = inputs.Reader.WaitToReadAsync(timer.Token).AsTask();
        var first = await Task.WhenAny(sleep, arrival).ConfigureAwait(false);
        timer.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        return first == arrival && arrival.Status == TaskStatus.RanToCompletion;
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var changes = new List<LedgerRecord>();
        foreach (var group in pending.GroupBy(e => new StatusRoute(e.Asset.Provider, e.Asset.Endpoint)).ToList())
        {
            var entries = group.ToList();
            StatusReadResult read;
            try
            {
                read = await sources(group.Key.Provider, group.Key.Endpoint).ReadAsync(entries.Select(e => e.Asset).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (RealPersonException e) when (ReadFailures.AskingAgainWillNotHelp(e))
            {
                // Asking again will not help: each asset comes out now, as last known.
                foreach (var entry in entries)
                {
                    Emit(entry, new RealPersonException(ErrorIds.StatusReadFailed, e.Category, e.Message, e));
                }

                continue;
            }
            catch (RealPersonException e)
            {
                reporter.Warning($"Could not read {group.Key} statuses: {e.Message} Will try again.");
                continue;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                // Never a crash: each asset still comes out, at the latest when its time runs out.
                reporter.Warning($"Reading {group.Key} statuses failed unexpectedly: {e.Message} Will try again.");
                continue;
            }

            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                if (read.Failures[i] is { } failure)
                {
                    // Within the grace the vendor may be lagging behind its own submission; and a
                    // "not found" is never final on the first asking, however slow that answer was.
                    if (ReadFailures.IsNotFound(failure) && (++entry.NotFoundAnswers < 2 || DateTimeOffset.UtcNow - entry.Arrived < options.NotFoundGrace))
                    {
                        reporter.Verbose($"{group.Key} does not know '{entry.Asset.AssetId ?? entry.Asset.TaskId}' yet; asking again.");
                        continue;
                    }

                    Emit(entry, failure);
                    continue;
                }

                if (read.Assets[i] is not { Count: > 0 } refreshed)
                {
                    continue;
                }

                if (refreshed.Count > 1 || refreshed[0].TaskIndex != entry.Asset.TaskIndex)
                {
                    ExpandTaskEntry(entry, refreshed, changes);
                    continue;
                }

                var asset = refreshed[0];
                if (asset.Status != entry.Asset.Status || asset.AssetId != entry.Asset.AssetId)
                {
                    changes.Add(LedgerRecord.FromAsset(LedgerEvent.Status, asset));
                }

                entry.Asset = asset;
                if (asset.IsFinal)
                {
                    Emit(entry, null);
                }
            }
        }

        await StatusJournal.RecordAsync(ledger, changes.Where(StatusJournal.IsRecordable).ToList(), reporter).ConfigureAwait(false);
    }

    /// <summary>A whole task named by id has ended: each of its assets comes out in its place.</summary>
    private void ExpandTaskEntry(WaitEntry entry, IReadOnlyList<Asset> assets, List<LedgerRecord> changes)
    {
        pending.Remove(entry);
        total += assets.Count - 1;
        foreach (var asset in assets)
        {
            changes.Add(LedgerRecord.FromAsset(LedgerEvent.Status, asset));
            var expanded = new WaitEntry(asset, entry.Target, entry.Arrived, entry.Deadline);
            if (asset.IsFinal)
            {
                Emit(expanded, null);
            }
            else
            {
                pending.Add(expanded);
            }
        }
    }

    private void ExpireOverdue()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var entry in pending.Where(e => e.Deadline <= now).ToList())
        {
            timedOut++;
            Emit(entry, new RealPersonException(ErrorIds.WaitTimeout, FailureCategory.OperationTimeout,
                $"The asset '{entry.Asset.Name ?? entry.Asset.AssetId ?? entry.Asset.TaskId}' is still {entry.Asset.Status} after {options.Timeout.TotalSeconds:0} s.")
            {
                RecommendedAction = "Wait again later (Get-RealPersonAsset -Status Processing | Wait-AssetActive), or raise -TimeoutSec.",
            });
        }
    }

    private void Emit(WaitEntry entry, RealPersonException? error)
    {
        pending.Remove(entry);
        var asset = entry.Asset;
        if (asset.Status == AssetStatus.Active)
        {
            active++;
        }
        else if (asset.Status == AssetStatus.Failed)
        {
            failed++;
        }

        reporter.Output(asset);
        if (error is null && asset.Status == AssetStatus.Failed)
        {
            error = new RealPersonException(ErrorIds.AssetReviewFailed, FailureCategory.InvalidResult,
                $"{asset.Error ?? "The vendor refused the asset."} (asset '{asset.Name ?? asset.AssetId}')")
            {
                VendorMessage = asset.Error,
                RecommendedAction = "Replace the portrait or clip and submit it again.",
            };
        }

        if (error != null)
        {
            reporter.Error(new RealPersonError(error, entry.Target ?? asset));
        }
    }

    private void ReportProgress()
    {
        var done = total - pending.Count;
        var percent = total == 0 ? 0 : (int)(100L * done / total);
        var status = $"{active} Active, {failed} Failed, {pending.Count} Processing" + (timedOut > 0 ? $", {timedOut} timed out" : string.Empty);
        reporter.Progress(new ProgressReport(ProgressActivityId, "Waiting for review", status, percent));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
