using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RealPerson.Ledger.Claims;

namespace RealPerson.Ledger.JsonLines;

/// <summary>
/// What a JSON Lines journal says, kept in memory while this process holds the file's lock, and
/// brought up to date by reading only the lines written since it last looked: each asset's state
/// (the one fold, <see cref="AssetFold"/>), the video records, the claims (intents whose outcome is
/// not yet written) and the runs' leases. Claims are decided against it (<see cref="ClaimRule"/>).
/// </summary>
internal sealed class JsonLinesIndex : IClaimRows, ILedgerSnapshot
{
    private MemoryAssetRows assets = new();
    private List<LedgerRecord> videos = new();
    private Dictionary<string, (string SubmissionId, string Holder)> claims = new(StringComparer.Ordinal);
    private Dictionary<string, string> claimOfSubmission = new(StringComparer.Ordinal);
    private Dictionary<string, DateTimeOffset> leases = new(StringComparer.Ordinal);

    /// <summary>How far into the file this index has read (only whole lines).</summary>
    private long offset;

    /// <summary>The clock's time for the decisions being made now.</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>Whether it has been read at all (an append alone never needs it).</summary>
    public bool Active { get; private set; }

    /// <summary>Reads the lines written since the last look (by this process or another); a file that shrank is read anew.</summary>
    public void CatchUp(FileStream stream)
    {
        if (stream.Length < offset)
        {
            Reset();
        }

        Active = true;
        if (stream.Length == offset)
        {
            return;
        }

        stream.Seek(offset, SeekOrigin.Begin);
        var bytes = new byte[stream.Length - offset];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = stream.Read(bytes, read, bytes.Length - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        // Whole lines only: a torn last line (a writer died mid-line) is left for the fence the next append writes.
        var end = Array.LastIndexOf(bytes, (byte)'\n', read - 1);
        if (end < 0)
        {
            return;
        }

        foreach (var record in JsonLinesLedgerStore.Parse(Encoding.UTF8.GetString(bytes, 0, end + 1)).Records)
        {
            Add(record);
        }

        offset += end + 1;
    }

    /// <summary>The file now ends at <paramref name="length"/>, with everything up to there already added.</summary>
    public void ReadTo(long length) => offset = length;

    /// <summary>Forgets everything (a failed write): the next look reads the file anew.</summary>
    public void Reset()
    {
        assets = new MemoryAssetRows();
        videos = new List<LedgerRecord>();
        claims = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        claimOfSubmission = new Dictionary<string, string>(StringComparer.Ordinal);
        leases = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        offset = 0;
        Active = false;
    }

    public void Add(LedgerRecord record)
    {
        if (record.Event == LedgerEvent.Lease && record.Holder != null)
        {
            leases[record.Holder] = record.LeaseUntil ?? DateTimeOffset.MinValue;
            return;
        }

        if (record.Claim != null && record.Holder != null && record.SubmissionId != null &&
            (record.Event == LedgerEvent.Intent || record.Event == LedgerEvent.VideoIntent))
        {
            claims[record.Claim] = (record.SubmissionId, record.Holder);
            claimOfSubmission[record.SubmissionId] = record.Claim;
        }
        else if (LedgerEvent.EndsAClaim(record.Event) && record.SubmissionId != null && claimOfSubmission.TryGetValue(record.SubmissionId, out var identity))
        {
            claimOfSubmission.Remove(record.SubmissionId);
            if (claims.TryGetValue(identity, out var held) && held.SubmissionId == record.SubmissionId)
            {
                claims.Remove(identity);
            }
        }

        if (LedgerEvent.IsVideo(record.Event))
        {
            videos.Add(record);
        }

        AssetFold.Apply(assets, record);
    }

    /// <summary>When a run's lease ends, as the journal says.</summary>
    public DateTimeOffset LeaseOf(string holder) => leases.TryGetValue(holder, out var until) ? until : DateTimeOffset.MinValue;

    public bool IsHeld(string identity) => Find(identity) is { Live: true };

    public (string SubmissionId, bool Live)? Find(string identity) =>
        claims.TryGetValue(identity, out var held) ? (held.SubmissionId, LeaseOf(held.Holder) > Now) : null;

    public void Drop(string identity) => claims.Remove(identity);

    // The claim itself is the intent record the rule appends next (its claim and holder fields).
    public void Add(string identity, string submissionId, string holder)
    {
    }

    public IReadOnlyList<Asset> FindAssets(AssetQuery query) => assets.Find(query);

    public IReadOnlyList<LedgerRecord> ReadEvents(IReadOnlyCollection<string> events) =>
        events.All(LedgerEvent.IsVideo)
            ? videos.Where(r => events.Contains(r.Event)).ToList()
            : throw new NotSupportedException("Only video records are kept in memory for claims.");
}
