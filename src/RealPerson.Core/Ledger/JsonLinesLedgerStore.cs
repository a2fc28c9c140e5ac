using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Ledger;

/// <summary>
/// The ledger as a JSON Lines file (a path ending in .jsonl): an append-only journal. Each append
/// takes an exclusive lock on the file, so two processes can write at once, and is flushed to disk
/// before it returns. A torn last line (a crash mid-write) is skipped on reading and fenced off on
/// the next append. Every query reads and folds the whole file: fine for thousands of assets, slow
/// at a hundred thousand (<see cref="Sqlite.SqliteLedgerStore"/> is the one that scales).
/// </summary>
internal sealed class JsonLinesLedgerStore : ILedgerStore
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim inProcess = new(1, 1);

    public JsonLinesLedgerStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public bool Queries => false;

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

    public async Task AppendAsync(IReadOnlyCollection<LedgerRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var record in records)
        {
            text.Append(JsonSerializer.Serialize(record, JsonOptions)).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());

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

            if (stream.Length > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                if (stream.ReadByte() != '\n')
                {
                    // The last writer died mid-line: end that line so ours stands alone.
                    stream.WriteByte((byte)'\n');
                }
            }

            stream.Seek(0, SeekOrigin.End);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            // A full disk, a lost network share: a clear ledger error, not a raw one.
            throw new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.ResourceUnavailable,
                $"Could not write the ledger '{Path}': {e.Message}", e);
        }
        finally
        {
            inProcess.Release();
        }
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
                var record = JsonSerializer.Deserialize<LedgerRecord>(line, JsonOptions);
                if (record is { Event.Length: > 0 })
                {
                    records.Add(record);
                    continue;
                }
            }
            catch (JsonException)
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
}
