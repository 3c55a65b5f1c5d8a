using System.Security.Cryptography;
using Handheld.Core.Records;
using Handheld.Simulator.Emulators;

namespace Handheld.Simulator.Tests.Records;

/// <summary>Outcome of a seeded power-cut campaign.</summary>
public sealed record PowerCutStats(int Cuts, int CommittedLost, int Corrupted, int TornRecordsDiscarded, int CutRecordsSurvived, int Wraps, int Appends);

/// <summary>
/// Seeded power-cut campaign against RecordLog on SimulatedFlash: each round arms a cut at a random byte
/// of one of the next few writes, runs appends and sync acknowledgements until power dies, reboots,
/// reopens and checks every committed record against a reference copy.
/// </summary>
public static class PowerCutHarness
{
    public static PowerCutStats Run(int seed, int cuts, byte[] key, int capacity)
    {
        var rng = new Random(seed);
        var flash = new SimulatedFlash(capacity);
        var log = new RecordLog(flash, key);
        log.Open();
        var committed = new Dictionary<uint, byte[]>();
        uint syncedConfirmed = 0;
        int lost = 0, corrupted = 0, torn = 0, survived = 0, wraps = 0, appends = 0;
        var buf = new byte[RecordCodec.MaxEncodedBytes];
        uint lastFirst = log.FirstSequence;

        for (int cut = 0; cut < cuts; cut++)
        {
            flash.ArmPowerCut(rng.Next(0, 4), rng.Next(0, RecordLog.MaxEntryBytes));
            uint attempted = 0;
            while (!flash.PoweredOff)
            {
                if (rng.Next(4) == 0 && log.LastSequence > log.SyncedThrough)
                {
                    uint through = (uint)rng.Next((int)log.SyncedThrough + 1, (int)log.LastSequence + 1);
                    var s = log.MarkSynced(through);
                    if (!flash.PoweredOff && s == SyncResult.Ok) syncedConfirmed = through;
                    continue;
                }
                attempted = log.LastSequence + 1;
                var r = log.Append(RecordLogTests.MakeRecord(rng));
                appends++;
                if (flash.PoweredOff) break;
                if (r == AppendResult.FullUnsynced)
                {
                    if (log.MarkSynced(log.LastSequence) == SyncResult.Ok && !flash.PoweredOff) syncedConfirmed = log.LastSequence;
                    continue;
                }
                committed[log.LastSequence] = buf[..log.ReadRecord(log.LastSequence, buf)];
                attempted = 0;
            }

            flash.Reboot();
            log = new RecordLog(flash, key);
            var open = log.Open();
            if (open != LogOpenResult.Ok) { corrupted++; continue; }
            // A cut right after a sync's superblock landed leaves it durable though MarkSynced never returned.
            syncedConfirmed = Math.Max(syncedConfirmed, log.SyncedThrough);

            foreach (var (seq, bytes) in committed)
            {
                if (seq <= syncedConfirmed && seq < log.FirstSequence) continue; // released after sync: may be reused
                int n = log.ReadRecord(seq, buf);
                if (n == 0) lost++;
                else if (!buf.AsSpan(0, n).SequenceEqual(bytes)) corrupted++;
            }
            if (attempted != 0)
            {
                if (log.LastSequence >= attempted) { survived++; committed[attempted] = buf[..log.ReadRecord(attempted, buf)]; }
                else torn++;
            }
            if (!ChainVerifies(log, key, buf)) corrupted++;
            if (log.FirstSequence != lastFirst) { wraps++; lastFirst = log.FirstSequence; }
            foreach (var seq in committed.Keys.Where(s => s < log.FirstSequence).ToList()) committed.Remove(seq);
        }
        return new PowerCutStats(cuts, lost, corrupted, torn, survived, wraps, appends);
    }

    private static bool ChainVerifies(RecordLog log, byte[] key, byte[] buf)
    {
        var rec = new InspectionRecord();
        byte[]? prev = null;
        for (uint s = log.FirstSequence; log.Count > 0 && s <= log.LastSequence; s++)
        {
            int n = log.ReadRecord(s, buf);
            if (n == 0 || RecordCodec.DecodeAndVerify(key, buf, 0, n, rec, new byte[32]) != RecordStatus.Ok) return false;
            if (prev != null && !prev.AsSpan().SequenceEqual(rec.PreviousHash)) return false;
            prev = SHA256.HashData(buf.AsSpan(0, n));
        }
        return true;
    }
}
