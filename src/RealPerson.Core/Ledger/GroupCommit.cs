using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace RealPerson.Ledger;

/// <summary>
/// Group commit for a store's writes (appends, claims, leases): writes that arrive while one
/// transaction is being written wait for the next, which runs them all, in the order they came,
/// and commits once. Each caller still returns only once its own write is durable, so 30 requests
/// in flight cost a few disk flushes, not 60. A group whose transaction fails is written again one
/// write per transaction, so that one bad write fails alone.
/// </summary>
/// <typeparam name="TSession">What a write works on inside the store's transaction.</typeparam>
internal sealed class GroupCommit<TSession>
{
    // Opens a transaction (or takes the lock), runs the body in it, commits; told whether a write of the group must run alone.
    private readonly Func<bool, Action<TSession>, Task> transact;
    private readonly object gate = new();
    private List<IWrite> queue = new();
    private bool writing;

    /// <param name="transact">
    /// Opens a transaction, runs the body in it and commits; its first argument says whether a write of
    /// the group must run alone among every process sharing the store (a store shared by many machines
    /// serialises those, not the rest: leases).
    /// </param>
    public GroupCommit(Func<bool, Action<TSession>, Task> transact) => this.transact = transact;

    private interface IWrite
    {
        bool Exclusive { get; }

        void Run(TSession session);

        void Committed();

        void Failed(Exception e);
    }

    /// <summary>Queues a write; the task ends when it is committed. Not cancellable: a record of a paid request must not be half written.</summary>
    /// <param name="exclusive">The write must run alone among the processes sharing the store (it decides claims, or folds records into asset rows).</param>
    public Task<T> RunAsync<T>(Func<TSession, T> work, bool exclusive = false)
    {
        var write = new Write<T>(work, exclusive);
        bool start;
        lock (gate)
        {
            queue.Add(write);
            start = !writing;
            writing = true;
        }

        if (start)
        {
            _ = Task.Run(WriteQueuedAsync);
        }

        return write.Done.Task;
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<IWrite> group;
            lock (gate)
            {
                if (queue.Count == 0)
                {
                    writing = false;
                    return;
                }

                group = queue;
                queue = new List<IWrite>();
            }

            try
            {
                await transact(group.Any(w => w.Exclusive), session => group.ForEach(w => w.Run(session))).ConfigureAwait(false);
                group.ForEach(w => w.Committed());
            }
            catch (Exception e) when (group.Count == 1)
            {
                group[0].Failed(e);
            }
            catch (Exception)
            {
                foreach (var write in group)
                {
                    try
                    {
                        await transact(write.Exclusive, write.Run).ConfigureAwait(false);
                        write.Committed();
                    }
                    catch (Exception alone)
                    {
                        write.Failed(alone);
                    }
                }
            }
        }
    }

    private sealed class Write<T> : IWrite
    {
        private readonly Func<TSession, T> work;
        private T result = default!;

        public Write(Func<TSession, T> work, bool exclusive)
        {
            this.work = work;
            Exclusive = exclusive;
        }

        public bool Exclusive { get; }

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(TSession session) => result = work(session);

        public void Committed() => Done.TrySetResult(result);

        public void Failed(Exception e) => Done.TrySetException(e);
    }
}
