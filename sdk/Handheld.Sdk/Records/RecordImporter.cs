using System.Security.Cryptography;
using Handheld.Core.Protocol;
using Handheld.Sdk.Device;

namespace Handheld.Sdk.Records;

/// <summary>What importing one record did.</summary>
public enum ImportOutcome
{
    /// <summary>New and verified (linked).</summary>
    Stored,
    /// <summary>New, MAC good, predecessor not held (gap): kept, not releasable yet.</summary>
    Unlinked,
    /// <summary>New and kept apart (see <see cref="RecordState.Rejected"/>).</summary>
    Rejected,
    /// <summary>Already held with the same bytes.</summary>
    Duplicate,
    /// <summary>Already held with the same bytes, and now verified (key or predecessor arrived).</summary>
    Promoted,
    /// <summary>Held with different bytes: both kept, flagged as a security event.</summary>
    Fork,
}

/// <summary>
/// Every decision about synced records, once, over any <see cref="IRecordStore"/>: verification with the expected
/// link (zero hash for sequence 1, the held predecessor, or an authenticated anchor), promotion of records whose
/// gap was filled, forks kept side by side, gaps reported as "missing N..M", and which contiguous prefix may be
/// released on the device (only records held and verified; never past a gap, a kept-apart record or a fork).
/// </summary>
public sealed class RecordImporter(IRecordStore store, IRecordVerifier verifier, Func<string>? clock = null)
{
    private static readonly byte[] ZeroHash = new byte[32];

    public IRecordStore Store => store;

    /// <summary>Records that became verified after being held unverified (a key, a predecessor or an anchor arrived).</summary>
    public int Promotions { get; private set; }

    /// <summary>Anomalies noted through this importer (also saved in the store).</summary>
    public List<RecordAnomaly> Noted { get; } = new();

    private string Now() => clock?.Invoke() ?? DateTime.UtcNow.ToString("O");

    public void Note(string deviceId, int epoch, string kind, long from, long to, string detail)
    {
        var a = new RecordAnomaly(deviceId, epoch, kind, from, to, detail, Now());
        store.AddAnomaly(a);
        Noted.Add(a);
    }

    public ImportOutcome Import(string deviceId, int epoch, long sequence, byte[] data)
    {
        using var scope = store.LockDevice(deviceId);
        return ImportLocked(deviceId, epoch, sequence, data);
    }

    private ImportOutcome ImportLocked(string deviceId, int epoch, long sequence, byte[] data)
    {
        var held = store.Find(deviceId, epoch, sequence);
        if (held != null && held.Data.Length > 0)
        {
            if (data.Length == 0) return ImportOutcome.Duplicate; // the device can no longer read a record held here
            if (held.Data.AsSpan().SequenceEqual(data))
            {
                if (held.State == RecordState.Verified) return ImportOutcome.Duplicate;
                bool promoted = Recheck(held) == RecordState.Verified;
                if (promoted) Relink(deviceId, epoch, sequence + 1);
                return promoted ? ImportOutcome.Promoted : ImportOutcome.Duplicate;
            }
            var state = Evaluate(deviceId, epoch, sequence, data, out string why);
            var fork = New(deviceId, epoch, sequence, data, state, why);
            store.SaveFork(fork);
            Note(deviceId, epoch, "fork", sequence, sequence, $"two different records under sequence {sequence}: held {held.Sha256Hex[..16]}…, " +
                $"device sent {fork.Sha256Hex[..16]}… ({state}{(why.Length > 0 ? ": " + why : "")}); both kept, neither released past it");
            return ImportOutcome.Fork;
        }
        var s = Evaluate(deviceId, epoch, sequence, data, out string reason);
        store.Save(New(deviceId, epoch, sequence, data, s, reason));
        Relink(deviceId, epoch, sequence + 1);
        return s switch { RecordState.Verified => ImportOutcome.Stored, RecordState.Unlinked => ImportOutcome.Unlinked, _ => ImportOutcome.Rejected };
    }

    private StoredRecord New(string deviceId, int epoch, long sequence, byte[] data, RecordState state, string reason) =>
        new(deviceId, epoch, sequence, data, Convert.ToHexString(SHA256.HashData(data)), Now(), state, reason.Length == 0 ? null : reason);

    // Verified means linked all the way back to the zero hash or an authenticated anchor: a record that links to a
    // held predecessor which is not itself verified stays Unlinked (its link is still checked).
    private RecordState Evaluate(string deviceId, int epoch, long sequence, byte[] data, out string reason)
    {
        if (data.Length == 0) { reason = "device could not read the record"; return RecordState.Rejected; }
        byte[]? expected;
        bool anchored = true;
        var prev = sequence == 1 ? null : store.Find(deviceId, epoch, sequence - 1);
        if (sequence == 1) expected = ZeroHash;
        else if (prev != null && prev.Data.Length > 0)
        {
            expected = SHA256.HashData(prev.Data);
            anchored = prev.State == RecordState.Verified;
        }
        else expected = store.Anchor(deviceId, epoch, sequence - 1)?.ChainHash;
        var state = verifier.Verify(deviceId, sequence, data, expected, out reason);
        if (state != RecordState.Rejected && DeviceLoss.Current(store, deviceId) is { } lost && sequence >= lost.FromSequence)
        {
            reason = $"device reported lost at {lost.At} ({lost.Detail}): kept apart until reported found";
            return RecordState.Rejected;
        }
        if (state == RecordState.Verified && !anchored)
        {
            reason = "record " + (sequence - 1) + " is not verified: chain not anchored";
            return RecordState.Unlinked;
        }
        return state;
    }

    private RecordState Recheck(StoredRecord r)
    {
        var state = Evaluate(r.DeviceId, r.Epoch, r.Sequence, r.Data, out string reason);
        string? why = reason.Length == 0 ? null : reason;
        if (state != r.State || why != r.Reason) store.Save(r with { State = state, Reason = why });
        if (state == RecordState.Verified && r.State != RecordState.Verified) Promotions++;
        return state;
    }

    // Re-checks the held, not yet verified records from `sequence` on while each becomes verified (a filled gap or a
    // new anchor links them).
    private void Relink(string deviceId, int epoch, long sequence)
    {
        for (long s = sequence; ; s++)
        {
            var r = store.Find(deviceId, epoch, s);
            if (r == null || r.State == RecordState.Verified || Recheck(r) != RecordState.Verified) return;
        }
    }

    /// <summary>Saves an authenticated anchor and re-checks the record after it.</summary>
    public void Anchor(RecordAnchor anchor)
    {
        using var scope = store.LockDevice(anchor.DeviceId);
        store.SaveAnchor(anchor);
        Relink(anchor.DeviceId, anchor.Epoch, anchor.Sequence + 1);
    }

    /// <summary>Re-checks every record not verified (all devices when null), e.g. with the right key file;
    /// returns how many became verified and how many remain kept apart or unlinked.</summary>
    public (int Promoted, int Remaining) Reverify(string? deviceId = null)
    {
        int promoted = 0;
        foreach (var r in store.Records(deviceId).Where(r => r.State != RecordState.Verified))
        {
            using var scope = store.LockDevice(r.DeviceId);
            var now = store.Find(r.DeviceId, r.Epoch, r.Sequence)!;
            if (now.State == RecordState.Verified) { promoted++; continue; } // promoted by a relink below
            if (Recheck(now) == RecordState.Verified)
            {
                promoted++;
                Relink(r.DeviceId, r.Epoch, r.Sequence + 1);
            }
        }
        return (promoted, store.Records(deviceId).Count(r => r.State != RecordState.Verified));
    }

    /// <summary>Highest sequence held in the epoch (0 when none).</summary>
    public long MaxHeld(string deviceId, int epoch)
    {
        var s = store.Sequences(deviceId, epoch);
        return s.Count == 0 ? 0 : s[^1];
    }

    /// <summary>The first sequence in [from, through] not held as verified (through + 1 when all are).</summary>
    public long NextNeeded(string deviceId, int epoch, long from, long through)
    {
        for (long s = from; s <= through; s++)
        {
            var r = store.Find(deviceId, epoch, s);
            if (r == null || r.State != RecordState.Verified) return s;
        }
        return through + 1;
    }

    /// <summary>Sequences in 1..through not held, as ranges.</summary>
    public IReadOnlyList<(long From, long To)> Missing(string deviceId, int epoch, long through)
    {
        var gaps = new List<(long, long)>();
        long expect = 1;
        foreach (long s in store.Sequences(deviceId, epoch))
        {
            if (s > through) break;
            if (s > expect) gaps.Add((expect, s - 1));
            expect = s + 1;
        }
        if (expect <= through) gaps.Add((expect, through));
        return gaps;
    }

    /// <summary>The highest k ≤ <paramref name="deviceLast"/> (and within one commit's span) such that every record
    /// after <paramref name="released"/> through k is held, verified and not forked: what may be released.</summary>
    public long ReleasableThrough(string deviceId, int epoch, long released, long deviceLast)
    {
        long k = released;
        while (k < deviceLast && k - released < SyncProof.MaxCommitSpan)
        {
            var r = store.Find(deviceId, epoch, k + 1);
            if (r == null || r.State != RecordState.Verified || store.HasFork(deviceId, epoch, k + 1)) break;
            k++;
        }
        return k;
    }

    /// <summary>The chain hash of record <paramref name="through"/> and the receipt proof over the records after
    /// <paramref name="after"/> through it, from the bytes held (all must be held).</summary>
    public (byte[] ChainHash, byte[] Proof) CommitProof(string deviceId, int epoch, long after, long through)
    {
        var h = new HostHash256();
        byte[] last = [];
        for (long s = after + 1; s <= through; s++)
        {
            last = store.Find(deviceId, epoch, s)?.Data ?? throw new InvalidOperationException("record " + s + " not held");
            SyncProof.Add(h, last, 0, last.Length);
        }
        var proof = new byte[32];
        h.Final(proof, 0);
        return (SHA256.HashData(last), proof);
    }
}
