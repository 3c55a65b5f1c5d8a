using Handheld.Core.Ports;
using Handheld.Core.Records;
using Handheld.Sdk.Records;
using Handheld.Simulator.Emulators;

namespace Handheld.Simulator.Tests.Records;

/// <summary>
/// Power cuts inside the authenticated superblock's own writes (layout 2), at every byte of the 128-byte slot:
/// the committed-through mark after an entry, a sync acknowledgement, the tail move before a reclaim, and the two
/// slots of a format. Each cut reboots and reopens: the log must open Ok (never Truncated or AuthenticationFailed,
/// which would stop a device in the field), keep every committed record byte-identical, verify INTACT with
/// <see cref="RecordLogVerifier"/>, and take new records. The random campaign (<see cref="PowerCutHarness"/>) hits
/// these writes only by chance; this walks them all.
/// </summary>
public class SuperblockPowerCutTests
{
    private static readonly byte[] Key = Convert.FromHexString("8E2C5A0F1B3D4C6E7F8091A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5E6");
    private const int Capacity = 12 * 1024;

    /// <summary>Records which writes an operation makes, so a cut can be aimed at its superblock writes.</summary>
    private sealed class WriteRecorder(IBlockStorage inner) : IBlockStorage
    {
        public readonly List<int> Positions = new();
        public int Capacity => inner.Capacity;
        public void Read(int position, byte[] buffer, int offset, int count) => inner.Read(position, buffer, offset, count);
        public void Write(int position, byte[] buffer, int offset, int count) { Positions.Add(position); inner.Write(position, buffer, offset, count); }
        public void Flush() => inner.Flush();
    }

    private sealed record Setup(SimulatedFlash Flash, RecordLog Log, Dictionary<uint, byte[]> Committed);

    // Deterministic: the same seed gives the same bytes and the same writes.
    private static Setup Build(int records, uint synced, int seed)
    {
        var rng = new Random(seed);
        var flash = new SimulatedFlash(Capacity);
        var log = new RecordLog(flash, Key);
        Assert.Equal(LogOpenResult.Formatted, log.Open());
        var committed = new Dictionary<uint, byte[]>();
        var buf = new byte[RecordCodec.MaxEncodedBytes];
        for (int i = 0; i < records; i++)
        {
            var r = log.Append(RecordLogTests.MakeRecord(rng));
            Assert.True(r is AppendResult.Ok or AppendResult.OkStorageLow, r.ToString());
            committed[log.LastSequence] = buf[..log.ReadRecord(log.LastSequence, buf)];
        }
        if (synced > 0) Assert.Equal(SyncResult.Ok, log.MarkSynced(synced));
        return new Setup(flash, log, committed);
    }

    // Indices (from the operation's first write) of the writes that land in a superblock slot.
    private static List<int> SuperblockWrites(Func<Setup> setup, Action<RecordLog> op)
    {
        var s = setup();
        var rec = new WriteRecorder(s.Flash);
        var log = new RecordLog(rec, Key);
        Assert.Equal(LogOpenResult.Ok, log.Open());
        rec.Positions.Clear();
        op(log);
        return rec.Positions.Select((p, i) => (p, i)).Where(x => x.p < RecordLog.DataStart).Select(x => x.i).ToList();
    }

    private static void CutEverywhere(Func<Setup> setup, Action<RecordLog> op, int expectedSuperblockWrites, Action<RecordLog, Setup>? after = null)
    {
        var targets = SuperblockWrites(setup, op);
        Assert.Equal(expectedSuperblockWrites, targets.Count);
        var buf = new byte[RecordCodec.MaxEncodedBytes];
        int runs = 0;
        foreach (int write in targets)
        {
            for (int cutAt = 0; cutAt <= RecordLog.SuperblockBytes; cutAt++)
            {
                var s = setup();
                var log = new RecordLog(s.Flash, Key);
                Assert.Equal(LogOpenResult.Ok, log.Open());
                s.Flash.ArmPowerCut(write, cutAt);
                op(log);
                Assert.True(s.Flash.PoweredOff || cutAt == RecordLog.SuperblockBytes, $"write {write} byte {cutAt}: no cut");
                s.Flash.Reboot();

                var reopened = new RecordLog(s.Flash, Key);
                var open = reopened.Open();
                Assert.True(open == LogOpenResult.Ok, $"superblock write {write}, cut at byte {cutAt}: Open {open}");
                foreach (var (seq, bytes) in s.Committed)
                {
                    if (seq < reopened.FirstSequence && seq <= reopened.SyncedThrough) continue; // released and reclaimed
                    int n = reopened.ReadRecord(seq, buf);
                    Assert.True(n > 0, $"write {write} byte {cutAt}: committed record {seq} lost");
                    Assert.True(buf.AsSpan(0, n).SequenceEqual(bytes), $"write {write} byte {cutAt}: record {seq} altered");
                }
                after?.Invoke(reopened, s);
                var image = s.Flash.Snapshot();
                var v = RecordLogVerifier.Verify(image, Key);
                Assert.True(v.Intact, $"write {write} byte {cutAt}: verify {v.OpenResult}: {v.Problem}");
                // The device carries on: a new record commits and the log reopens Ok with it.
                var next = reopened.Append(RecordLogTests.MakeRecord(new Random(cutAt)));
                Assert.True(next is AppendResult.Ok or AppendResult.OkStorageLow, $"write {write} byte {cutAt}: append after reboot {next}");
                Assert.Equal(LogOpenResult.Ok, new RecordLog(s.Flash, Key).Open());
                runs++;
            }
        }
        Console.WriteLine($"superblock cuts: {runs} reboots over {targets.Count} superblock write(s), all Ok");
    }

    [Fact]
    public void Append_CutInCommittedThroughMarkWrite_OpensOkWithTheNewRecord()
    {
        uint before = 0;
        CutEverywhere(() => Build(8, 3, seed: 21), log => { before = log.LastSequence; log.Append(RecordLogTests.MakeRecord(new Random(99))); }, 1,
            (log, _) =>
            {
                // The entry was durable before the mark was written: the record is committed, one past the older mark.
                Assert.Equal(before + 1, log.LastSequence);
                Assert.True(log.CommittedThrough >= before);
            });
    }

    [Fact]
    public void MarkSynced_CutInSuperblockWrite_CursorOldOrNewNeverLower()
    {
        CutEverywhere(() => Build(10, 2, seed: 22), log => log.MarkSynced(7), 1,
            (log, _) => Assert.True(log.SyncedThrough is 2 or 7, "synced-through " + log.SyncedThrough));
    }

    [Fact]
    public void Append_CutInTailMoveBeforeReclaim_OpensOkAndUnsyncedRecordsKept()
    {
        // Fill the 12 KB log, release most of it, then append: the tail must move (superblock) before the entry
        // overwrites reclaimed records, then the mark follows (two superblock writes).
        Setup Full()
        {
            var rng = new Random(23);
            var s = Build(0, 0, seed: 23);
            var buf = new byte[RecordCodec.MaxEncodedBytes];
            while (s.Log.FreeBytes > 2 * RecordLog.MaxEntryBytes)
            {
                var r = s.Log.Append(RecordLogTests.MakeRecord(rng));
                Assert.True(r is AppendResult.Ok or AppendResult.OkStorageLow, r.ToString());
                s.Committed[s.Log.LastSequence] = buf[..s.Log.ReadRecord(s.Log.LastSequence, buf)];
            }
            Assert.Equal(SyncResult.Ok, s.Log.MarkSynced(s.Log.LastSequence - 3));
            // Appending until the next one reclaims: stop while it still fits without moving the tail.
            return s;
        }
        var probe = Full();
        var probeLog = new RecordLog(probe.Flash, Key);
        probeLog.Open();
        uint tail = probeLog.FirstSequence;
        int appends = 0;
        var rng2 = new Random(7);
        while (probeLog.FirstSequence == tail && appends < 50) { probeLog.Append(RecordLogTests.MakeRecord(rng2)); appends++; }
        Assert.True(probeLog.FirstSequence > tail, "no reclaim happened");

        // The operation: the `appends` appends, the last of which reclaims. Cuts go into every superblock write of it.
        CutEverywhere(Full, log => { var r = new Random(7); for (int i = 0; i < appends && log.Append(RecordLogTests.MakeRecord(r)) != AppendResult.NotReady; i++) { } },
            expectedSuperblockWrites: appends + 1);
    }

    [Fact]
    public void Open_CutWhileFormattingEitherSlot_ReopensOkOrFormatsAgain()
    {
        for (int write = 0; write < 2; write++)
        {
            for (int cutAt = 0; cutAt < RecordLog.SuperblockBytes; cutAt++)
            {
                var flash = new SimulatedFlash(Capacity);
                flash.ArmPowerCut(write, cutAt);
                new RecordLog(flash, Key).Open();
                Assert.True(flash.PoweredOff);
                flash.Reboot();
                var log = new RecordLog(flash, Key);
                var open = log.Open();
                // First slot torn: nothing valid and no entry, so formatting again is safe. Second slot torn: slot 0 holds.
                Assert.True(open == (write == 0 ? LogOpenResult.Formatted : LogOpenResult.Ok), $"slot write {write}, byte {cutAt}: {open}");
                Assert.Equal(0, log.Count);
                Assert.True(log.Append(RecordLogTests.MakeRecord(new Random(cutAt))) is AppendResult.Ok);
                Assert.Equal(LogOpenResult.Ok, new RecordLog(flash, Key).Open());
            }
        }
    }
}
