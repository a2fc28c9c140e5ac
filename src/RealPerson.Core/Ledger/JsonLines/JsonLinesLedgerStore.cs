using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger.Claims;

namespace RealPerson.Ledger.JsonLines;

/// <summary>
/// The ledger as a JSON Lines file (a path ending in .jsonl): an append-only journal. Each append
/// takes an exclusive lock on the file, so two processes can write at once, and is flushed to disk
/// before it returns. A torn last line (a crash mid-write) is skipped on reading and fenced off on
/// the next append. Claims are decided under the same lock, against an index of the journal that
/// reads only the lines written since it last looked (<see cref="JsonLinesIndex"/>). Every query
/// reads and folds the whole file: fine for thousands of assets, slow at a hundred thousand
/// (<see cref="Sqlite.SqliteLedgerStore"/> is the one that scales).
/// </summary>
internal sealed class JsonLinesLedgerStore : ILedgerStore
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    // One writer at a time in this process; the file lock keeps other processes out.
    private readonly SemaphoreSlim inProcess = new(1, 1);
    private readonly JsonLinesIndex index = new();
    private readonly TimeProvider time;
    private readonly GroupCommit<Session> writes;

    public JsonLinesLedgerStore(string path, TimeProvider time)
    {
        Path = System.IO.Path.GetFullPath(path);
        this.time = time;
        writes = new GroupCommit<Session>((_, body) => WriteLockedAsync(body));
    }

    public string Path { get; }

    public bool Queries => false;

    public Task CheckAsync(CancellationToken cancellationToken) => ReadAllAsync(cancellationToken);

    public Task AppendAsync(IReadOnlyCollection<LedgerRecord> records, CancellationToken cancellationToken) =>
        records.Count == 0 ? Task.CompletedTask : writes.RunAsync(session =>
        {
            session.Append(records);
            return true;
        });

    public Task<IReadOnlyList<ClaimResult>> ClaimAsync(IReadOnlyList<LedgerClaim> claims, string holder, TimeSpan lease, CancellationToken cancellationToken) =>
        writes.RunAsync(session =>
        {
            var indexed = session.Indexed();
            return ClaimRule.DecideAll(claims, holder, indexed, indexed, session.Append, () =>
            {
                // A lease line only when the run's lease is getting short: not one per claim.
                if (indexed.LeaseOf(holder) < indexed.Now + TimeSpan.FromTicks(lease.Ticks * 2 / 3))
                {
                    session.Append(new[] { LeaseRecord(holder, indexed.Now + lease) });
                }
            });
        });

    public Task<IReadOnlyCollection<string>> HeldAsync(IReadOnlyCollection<string> identities, CancellationToken cancellationToken) =>
        writes.RunAsync<IReadOnlyCollection<string>>(session =>
        {
            var indexed = session.Indexed();
            return identities.Where(indexed.IsHeld).ToList();
        });

    public Task RenewAsync(string holder, TimeSpan lease) =>
        writes.RunAsync(session =>
        {
            session.Append(new[] { LeaseRecord(holder, time.GetUtcNow() + lease) });
            return true;
        });

    public Task EndAsync(string holder) =>
        writes.RunAsync(session =>
        {
            var indexed = session.Indexed();
            if (indexed.LeaseOf(holder) > indexed.Now)
            {
                session.Append(new[] { LeaseRecord(holder, indexed.Now) });
            }

            return true;
        });

    public void Dispose()
    {
    }

    public async Task<IReadOnlyList<LedgerRecord>> ReadEventsAsync(IReadOnlyCollection<string> events, CancellationToken cancellationToken)
    {
        var contents = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return contents.Records.Where(r => events.Contains(r.Event)).ToList();
    }

    public async Task<IReadOnlyList<Asset>> FindAssetsAsync(AssetQuery query, CancellationToken cancellationToken)
    {
        var contents = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return query.Apply(LedgerView.Fold(contents.Records));
    }

    // Read whole for every question, so never asked one question per input (Queries is false).
    public IReadOnlyList<Asset> FindAssets(AssetQuery query) =>
        throw new NotSupportedException("A JSON Lines ledger is read whole: use FindAssetsAsync.");

    private LedgerRecord LeaseRecord(string holder, DateTimeOffset until) =>
        new() { Timestamp = time.GetUtcNow(), Event = LedgerEvent.Lease, Holder = holder, LeaseUntil = until };

    /// <summary>
    /// One group of writes under the file's exclusive lock: the index caught up with what other
    /// processes wrote (when it is in use), the writes decided, their lines appended and flushed to
    /// disk before anyone is told they are done. A torn last line (a writer died mid-line) is ended first.
    /// </summary>
    private async Task WriteLockedAsync(Action<Session> body)
    {
        // Not cancellable once started: a half-written journal is worse than a late one.
        await inProcess.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            EnsureDirectory();
            var existed = File.Exists(Path);
            using var stream = await OpenExclusiveAsync().ConfigureAwait(false);
            if (!existed)
            {
                OwnerOnlyPermissions.ApplyToFile(Path);
            }

            index.Now = time.GetUtcNow();
            if (index.Active)
            {
                index.CatchUp(stream);
            }

            var session = new Session(stream, index);
            body(session);
            if (session.Pending.Count > 0)
            {
                Write(stream, session.Pending);
            }

            if (index.Active)
            {
                index.ReadTo(stream.Length);
            }
        }
        catch (Exception e)
        {
            index.Reset();
            if (e is IOException || e is UnauthorizedAccessException)
            {
                // A full disk, a lost network share: a clear ledger error, not a raw one.
                throw new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.ResourceUnavailable,
                    $"Could not write the ledger '{Path}': {e.Message}", e);
            }

            throw;
        }
        finally
        {
            inProcess.Release();
        }
    }

    private static void Write(FileStream stream, IReadOnlyList<LedgerRecord> records)
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            text.Append(LedgerJson.Write(record)).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            if (stream.ReadByte() != '\n')
            {
                // The last writer died mid-line: end that line so ours stand alone.
                stream.WriteByte((byte)'\n');
            }
        }

        stream.Seek(0, SeekOrigin.End);
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Every readable record, in file order; unreadable lines (a torn write) are counted and skipped.</summary>
    public async Task<LedgerContents> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return new LedgerContents(new List<LedgerRecord>(), 0);
        }

        string content;
        using (var stream = await OpenForReadingAsync(cancellationToken).ConfigureAwait(false))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            content = reader.ReadToEnd();
        }

        return Parse(content);
    }

    /// <summary>The records of a journal's text, in order; unreadable lines (a torn write) are counted and skipped.</summary>
    public static LedgerContents Parse(string content)
    {
        var skippedLines = 0;
        var records = new List<LedgerRecord>();
        foreach (var line in content.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var record = LedgerJson.Read(line);
                if (record.Event.Length > 0)
                {
                    records.Add(record);
                    continue;
                }
            }
            catch (System.Text.Json.JsonException)
            {
            }

            skippedLines++;
        }

        return new LedgerContents(records, skippedLines);
    }

    private void EnsureDirectory()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        try
        {
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
                OwnerOnlyPermissions.ApplyToDirectory(directory);
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.ResourceUnavailable,
                $"Could not create the ledger's folder '{directory}': {e.Message}", e);
        }
    }

    private async Task<FileStream> OpenExclusiveAsync()
    {
        var deadline = DateTime.UtcNow + LockWait;
        var delay = 2;
        while (true)
        {
            try
            {
                // Created here if new, so no other writer can slip in between creating and locking.
                return new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(Path))
            {
                // Another writer holds it; its append takes milliseconds.
                await Task.Delay(delay).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 50);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.ResourceUnavailable,
                    $"Could not write the ledger '{Path}': {e.Message}", e);
            }
        }
    }

    private async Task<FileStream> OpenForReadingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(Path))
            {
                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.ResourceUnavailable,
                    $"Could not read the ledger '{Path}': {e.Message}", e);
            }
        }
    }

    /// <summary>A group of writes under the lock: the lines to append, and the index they also go into once it is in use.</summary>
    private sealed class Session
    {
        private readonly FileStream stream;
        private readonly JsonLinesIndex index;

        public Session(FileStream stream, JsonLinesIndex index)
        {
            this.stream = stream;
            this.index = index;
        }

        public List<LedgerRecord> Pending { get; } = new();

        public void Append(IReadOnlyCollection<LedgerRecord> records)
        {
            LedgerStamps.Fill(records, index.Now);
            foreach (var record in records)
            {
                Pending.Add(record);
                if (index.Active)
                {
                    index.Add(record);
                }
            }
        }

        /// <summary>The index, read up to the end of the file (and this group's own lines) if it was not in use yet.</summary>
        public JsonLinesIndex Indexed()
        {
            if (!index.Active)
            {
                index.CatchUp(stream);
                Pending.ForEach(index.Add);
            }

            return index;
        }
    }
}
