using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Protocol;
using Handheld.Core.Records;
using Handheld.Sdk.Device;
using Handheld.Sdk.Records;
using Handheld.Simulator.Link;
using static Handheld.Sdk.Tests.Device.DeviceTestKit;

namespace Handheld.Sdk.Tests.Device;

/// <summary>What one seeded run injected and what it counted.</summary>
public sealed class SyncRunReport
{
    public int Seed;
    public readonly List<string> Faults = new();
    public int Sessions, Drops, Records, Released, Erased, BadKeySessions, BadKeyAttempts;
    /// <summary>A relay changed a batch the app then received (something must be named: gap or out-of-order).</summary>
    public bool RelayAltered;
    /// <summary>Every broken promise, in words (empty when the run held every invariant).</summary>
    public readonly List<string> Violations = new();
    public override string ToString() => $"seed {Seed} [{string.Join(",", Faults)}] {Records} records, {Sessions} sessions, {Drops} drops, " +
        $"{Released} released, {Erased} erased at rest" + (Violations.Count == 0 ? "" : ": " + string.Join(" | ", Violations));
}

/// <summary>
/// One seeded sync run: a simulated device (real Core handler, record log and flash) and the real SDK sync session
/// over the loopback link, with faults drawn from the seed — link drops at random bytes, a rogue app that commits
/// records it never read, a relay that drops, reorders or repeats records, a wrong or empty key file, a fork (the
/// host already holds other records under the device's sequences), a log reset (flash erased, same id and key,
/// new records), a log truncated at rest (newest records erased) and inspections made between sessions. After
/// every session it checks the two promises of issue 13 against a reference copy of every record the device ever
/// committed: <b>nothing released that is not stored and verified</b> (each released sequence is held Verified here
/// with the device's bytes) and <b>nothing lost</b> (each record is still on the device or held Verified here, except
/// those an attacker erased, which must be reported missing or be held); at the end, that every fault injected was
/// reported by name.
/// </summary>
public static class SeededSyncCampaign
{
    private const int Mtu = 185;

    private sealed class Log
    {
        public SimulatedDevice Device = null!;
        /// <summary>Sequence → bytes of every record this log committed (the reference copy).</summary>
        public readonly Dictionary<long, byte[]> Truth = new();
        public readonly HashSet<long> ErasedAtRest = new();
        public int Epoch = 1;
        public bool Forked, Truncated;
        /// <summary>Sequences under which the host held another log's records before the first sync (fork).</summary>
        public long ForkedThrough;
    }

    public static SyncRunReport Run(int seed)
    {
        var rng = new Random(seed);
        var report = new SyncRunReport { Seed = seed };
        bool drops = rng.Next(3) == 0, rogue = rng.Next(3) == 0, relayDrop = rng.Next(4) == 0, reorder = rng.Next(4) == 0,
            repeat = rng.Next(6) == 0, wrongKey = rng.Next(4) == 0, emptyKey = !wrongKey && rng.Next(8) == 0, fork = rng.Next(6) == 0,
            truncate = rng.Next(5) == 0, inspections = rng.Next(2) == 0;
        // A reset after a log that could not be fully released (fork, truncation) is indistinguishable from a fork
        // on the host; the run resets only a log it could release.
        bool reset = !fork && !truncate && rng.Next(4) == 0;
        void Fault(bool on, string name) { if (on) report.Faults.Add(name); }
        Fault(drops, "link-drops"); Fault(rogue, "rogue-app"); Fault(relayDrop, "relay-drops"); Fault(reorder, "relay-reorders");
        Fault(repeat, "relay-repeats"); Fault(wrongKey, "wrong-key"); Fault(emptyKey, "empty-key"); Fault(fork, "fork");
        Fault(reset, "log-reset"); Fault(truncate, "truncated"); Fault(inspections, "inspections-between");

        int deviceSeed = 1000 + seed;
        var log = new Log { Device = NewDevice(rng.Next(1, 40), deviceSeed) };
        Capture(log);
        string id = Convert.ToHexString(log.Device.DeviceId);
        using var store = new SqliteRecordStore(":memory:");
        var right = Verifier(log.Device);

        if (fork)
        {
            // The host already holds, unreleased, other validly MACed records under this device's first sequences
            // (a log restored from an old image was synced by another app, then the flash was put back): the device's
            // own records under those sequences must be kept beside them, flagged, and never released.
            var other = NewDevice(0, deviceSeed);
            other.AddSampleRecords((int)Math.Min(rng.Next(1, 4), log.Device.LastSequence), seed + 77_000);
            var imp = new RecordImporter(store, right);
            var buf = new byte[2048];
            for (long q = 1; q <= other.LastSequence; q++) imp.Import(id, 1, q, buf[..other.ReadRecord(q, buf)]);
            log.Forked = true;
            log.ForkedThrough = other.LastSequence;
        }

        var logs = new List<Log> { log };
        Phase(log, store, right, rng, report, drops, rogue, relayDrop, reorder, repeat, wrongKey, emptyKey, truncate, inspections);
        if (reset)
        {
            // The flash was erased (service, or an attacker): same id and key, a new log from sequence 1.
            var fresh = new Log { Device = NewDevice(0, deviceSeed), Epoch = log.Epoch + 1 };
            fresh.Device.AddSampleRecords(rng.Next(1, 25), seed + 55_000);
            Capture(fresh);
            logs.Add(fresh);
            Phase(fresh, store, right, rng, report, drops && rng.Next(2) == 0, false, relayDrop, reorder, false, false, false, false, false);
            int epoch = store.Device(id).Epoch;
            if (epoch == log.Epoch) report.Violations.Add("log reset not seen: still epoch " + epoch);
        }

        // Every fault injected is reported by name.
        var kinds = store.Anomalies().Select(a => a.Kind).ToHashSet();
        void Expect(bool injected, string kind, string why) { if (injected && !kinds.Contains(kind)) report.Violations.Add($"{why} not named '{kind}' (named: {string.Join(",", kinds)})"); }
        // A fork met first with a wrong key on a truncated log may be filed as a new epoch instead (the host cannot
        // verify the checkpoint that says "erased, not restarted"): named either way.
        // A forked sequence whose device record was erased at rest before any sync read it cannot be seen.
        bool forkVisible = fork && Enumerable.Range(1, (int)log.ForkedThrough).Any(q => !log.ErasedAtRest.Contains(q));
        if (forkVisible && !kinds.Contains("fork") && !(kinds.Contains("log-reset") && report.BadKeyAttempts > 0 && log.Truncated))
            report.Violations.Add($"fork not named 'fork' (named: {string.Join(",", kinds)})");
        Expect(reset && logs[^1].Device.LastSequence > 0, "log-reset", "log reset");
        Expect(report.BadKeySessions > 0, "checkpoint", "wrong key file (its checkpoint cannot verify)");
        Expect(log.Truncated, "log-truncated", "truncated log");
        if (report.RelayAltered && !kinds.Contains("gap") && !kinds.Contains("out-of-order"))
            report.Violations.Add("a relay altered a batch, named neither 'gap' nor 'out-of-order'");

        foreach (var l in logs)
        {
            CheckPromises(l, store, id, report, "end");
            // With a clean last session everything the device holds is released, except behind a fork or on a
            // faulted log (both refuse, by design).
            if (!l.Forked && !l.Truncated && l.Device.SyncedThrough != l.Device.LastSequence)
                report.Violations.Add($"epoch {l.Epoch}: device released {l.Device.SyncedThrough} of {l.Device.LastSequence} after a clean sync");
            report.Records += l.Truth.Count;
            report.Released += (int)l.Device.SyncedThrough;
            report.Erased += l.ErasedAtRest.Count;
        }
        return report;
    }

    private static void Phase(Log log, SqliteRecordStore store, IRecordVerifier right, Random rng, SyncRunReport report,
        bool drops, bool rogue, bool relayDrop, bool reorder, bool repeat, bool wrongKey, bool emptyKey, bool truncate, bool inspections)
    {
        string id = Convert.ToHexString(log.Device.DeviceId);
        var bad = new RecordCodecVerifier(wrongKey ? new Dictionary<string, byte[]> { [id] = RandomKey(rng) } : new Dictionary<string, byte[]>());
        int faulty = rng.Next(1, 5);
        bool truncateDone = !truncate;
        for (int session = 0; session <= faulty; session++)
        {
            bool last = session == faulty;
            if (rogue && !last) Rogue(log.Device, rng, report);
            if (!truncateDone && (last || rng.Next(3) == 0)) { Truncate(log, rng, report); truncateDone = true; }
            if (inspections && !last && rng.Next(2) == 0 && !log.Truncated)
            {
                log.Device.AddSampleRecords(rng.Next(1, 6), rng.Next());
                Capture(log);
            }
            long budget = drops && !last && rng.Next(3) != 0 ? rng.Next(0, 6000) : long.MaxValue;
            IDeviceTransport link = new LoopbackLink(log.Device.Handler, Mtu, true, dropAfterBytes: budget);
            if (!last && (relayDrop || reorder || repeat)) link = new MeddlingRelay(link, rs => Meddle(rs, rng, relayDrop, reorder, repeat, report));
            bool badKey = !last && (wrongKey || emptyKey) && rng.Next(3) != 0;
            var verifier = badKey ? bad : right;
            if (badKey) report.BadKeyAttempts++;
            report.Sessions++;
            try
            {
                using var client = new SyncClient(link);
                client.Inner.SyncAsync(store, verifier).GetAwaiter().GetResult();
                if (badKey) report.BadKeySessions++;
            }
            catch (DeviceLinkException) { report.Drops++; if (last) report.Violations.Add("the clean last session failed"); }
            catch (DeviceErrorException e) { report.Violations.Add($"session {session}: device error {ErrorCode.Name(e.Code)} escaped the sync"); }
            // A new epoch only for a log that restarted. (With a wrong key the checkpoint cannot verify, so the host
            // cannot tell an erased log from a restarted one: a truncated log met with a bad key may open one.)
            int epoch = store.Device(id).Epoch;
            if (epoch > log.Epoch && !(log.Truncated && report.BadKeyAttempts > 0))
                report.Violations.Add($"session {session}: a new epoch {epoch} opened for a log that did not restart");
            CheckPromises(log, store, id, report, "session " + session);
        }
    }

    /// <summary>DeviceClient is async-disposable only; the harness runs synchronously per seed.</summary>
    private sealed class SyncClient(IDeviceTransport link) : IDisposable
    {
        public DeviceClient Inner { get; } = new(link, TimeSpan.FromSeconds(5));
        public void Dispose() => Inner.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static byte[] RandomKey(Random rng)
    {
        var k = new byte[32];
        rng.NextBytes(k);
        return k;
    }

    private static void Capture(Log log)
    {
        var buf = new byte[2048];
        for (long q = 1; q <= log.Device.LastSequence; q++)
            if (!log.Truth.ContainsKey(q)) log.Truth[q] = buf[..log.Device.ReadRecord(q, buf)];
    }

    private static List<SyncedRecord> Meddle(List<SyncedRecord> rs, Random rng, bool drop, bool reorder, bool repeat, SyncRunReport report)
    {
        var list = rs.ToList();
        // Dropping the batch's last record leaves nothing to notice in it (the next read fetches it): only a
        // record with a later one after it makes a visible gap.
        bool visible = false;
        if (drop && list.Count > 1 && rng.Next(2) == 0) { list.RemoveAt(rng.Next(list.Count - 1)); visible = true; }
        if (reorder && list.Count > 1 && rng.Next(2) == 0)
        {
            var shuffled = list.OrderBy(_ => rng.Next()).ToList();
            visible |= !shuffled.Select(r => r.Sequence).SequenceEqual(list.Select(r => r.Sequence));
            list = shuffled;
        }
        if (repeat && list.Count > 0 && rng.Next(2) == 0)
        {
            // Only a repeat that still fits one response (a relay cannot send more; an overfull one is a malformed reply).
            var copy = list[rng.Next(list.Count)];
            if (9 + list.Sum(r => 6 + r.Data.Length) + 6 + copy.Data.Length <= Frame.MaxPayload)
            {
                list.Insert(rng.Next(list.Count + 1), copy);
                visible = true;
            }
        }
        report.RelayAltered |= visible;
        return list;
    }

    // A paired app that read only one record tries to release everything through it, three ways; the device must
    // refuse each by name and release nothing.
    private static void Rogue(SimulatedDevice d, Random rng, SyncRunReport report)
    {
        long synced = d.SyncedThrough, last = d.LastSequence;
        if (last <= synced + 1) return; // needs an unreleased record it did not read before k
        long k = rng.NextInt64(synced + 2, last + 1);
        var buf = new byte[2048];
        byte[] rk = buf[..d.ReadRecord(k, buf)];
        byte[] chain = SHA256.HashData(rk);
        var h = new HostHash256();
        SyncProof.Add(h, rk, 0, rk.Length);
        var onlyK = new byte[32];
        h.Final(onlyK, 0);
        using var client = new SyncClient(new LoopbackLink(d.Handler, Mtu, true));
        void Try(Func<Task<uint>> commit, byte expected, string what)
        {
            try
            {
                commit().GetAwaiter().GetResult();
                report.Violations.Add($"rogue {what} through {k} accepted");
            }
            catch (DeviceErrorException e) when (e.Code == expected) { }
            catch (DeviceErrorException e) { report.Violations.Add($"rogue {what}: refused as {ErrorCode.Name(e.Code)}, expected {ErrorCode.Name(expected)}"); }
        }
        Try(() => client.Inner.SyncCommitRevision0Async((uint)k, chain), ErrorCode.CommitProofRequired, "1.0 commit");
        Try(() => client.Inner.SyncCommitAsync((uint)synced, (uint)k, chain, onlyK), ErrorCode.HashMismatch, "commit with record k's proof only");
        Try(() => client.Inner.SyncCommitAsync((uint)synced, (uint)k, chain, new byte[32]), ErrorCode.HashMismatch, "commit with a made-up proof");
        if (d.SyncedThrough != synced) report.Violations.Add($"rogue app moved the device's cursor {synced} -> {d.SyncedThrough}");
    }

    // Erases the newest 1..3 records of the log in flash (unsynced ones or not) and restarts the device.
    private static void Truncate(Log log, Random rng, SyncRunReport report)
    {
        long last = log.Device.LastSequence;
        if (last < 2) return;
        long from = Math.Max(1, last - rng.Next(0, 3));
        var open = DeviceLogFaultSyncTests.EraseAndReboot(log.Device, from, last);
        if (open != LogOpenResult.Truncated) report.Violations.Add($"erasing {from}..{last} at rest opened {open}, not Truncated");
        for (long q = from; q <= last; q++) log.ErasedAtRest.Add(q);
        log.Truncated = true;
    }

    private static void CheckPromises(Log log, SqliteRecordStore store, string id, SyncRunReport report, string when)
    {
        // Held verified, with this log's bytes, in whichever epoch the host filed it, and not under a forked sequence.
        var forked = store.Forks(id).Select(r => (r.Epoch, r.Sequence)).ToHashSet();
        var verified = store.Records(id).Where(r => r.State == RecordState.Verified && !forked.Contains((r.Epoch, r.Sequence)))
            .GroupBy(r => r.Sequence).ToDictionary(g => g.Key, g => g.ToList());
        bool Holds(long q) => verified.TryGetValue(q, out var rs) && rs.Any(r => r.Data.AsSpan().SequenceEqual(log.Truth[q]));
        // Nothing released that is not stored and verified here (with the device's own bytes).
        for (long q = 1; q <= log.Device.SyncedThrough; q++)
            if (log.Truth.ContainsKey(q) && !log.ErasedAtRest.Contains(q) && !Holds(q))
                report.Violations.Add($"{when}: record {q} released by the device but not held verified here");
        // Nothing lost: each record is still readable on the device, or held verified here.
        var buf = new byte[2048];
        foreach (var (q, bytes) in log.Truth)
        {
            if (log.ErasedAtRest.Contains(q)) continue;
            int n = log.Device.ReadRecord(q, buf);
            bool onDevice = n > 0 && buf.AsSpan(0, n).SequenceEqual(bytes);
            if (!onDevice && !Holds(q)) report.Violations.Add($"{when}: record {q} lost (not on the device, not held here)");
        }
    }
}
