using System.Security.Cryptography;
using Handheld.Core.Protocol;
using Handheld.Sdk.Records;

namespace Handheld.Sdk.Device;

/// <summary>
/// One record sync with a device (<see cref="DeviceClient.SyncAsync"/>). Order: GetInfo, authenticated checkpoint
/// (revision 1: its head, cursor and anchor are what the session trusts), log-reset check, release of what is already
/// held, then SyncRead forward from the first record not held verified, importing every record returned and releasing
/// after each batch; finally one re-read of each gap a relay left. Sequence arithmetic is in <c>long</c> and every
/// read must advance, so a device announcing 0xFFFFFFFF or repeating itself ends the session with an anomaly.
/// </summary>
internal sealed class RecordSyncSession(DeviceClient client, RecordImporter importer, IRecordVerifier verifier)
{
    private const int MaxGapRereads = 16;
    private readonly SyncSummary _summary = new();
    private string _device = "";
    private DeviceSyncState _state = new("", 1, 0);
    private byte _revision;
    private long _last;
    private bool _releaseBlocked;
    private bool _logFault;

    // Ok (0) and Formatted (1) are healthy; 255 is a device that does not report its log state.
    private static bool IsFault(byte state) => state is not (0 or 1 or SyncCheckpoint.LogStateNotReported);

    private static string LogStateName(byte state) =>
        Enum.IsDefined(typeof(Handheld.Core.Records.LogOpenResult), (int)state) ? ((Handheld.Core.Records.LogOpenResult)state).ToString() : "state " + state;

    // "AuthenticationFailed" -> "authentication-failed": anomaly kinds are lower-case words joined by '-'.
    private static string Kebab(string name) =>
        string.Concat(name.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(ch) : ch == ' ' ? "-" : ch.ToString()));

    public async Task<SyncSummary> RunAsync(CancellationToken ct)
    {
        var info = await client.GetInfoAsync(ct).ConfigureAwait(false);
        _device = Convert.ToHexString(info.DeviceId);
        _revision = info.ProtocolRevision;
        _summary.DeviceId = _device;
        var store = importer.Store;
        _state = store.Device(_device);
        _last = info.LastSequence;
        long deviceSynced = info.SyncedThrough;
        SyncCheckpoint? checkpoint = _revision >= 1 ? await CheckpointAsync(info, ct).ConfigureAwait(false) : null;
        if (checkpoint != null)
        {
            _last = checkpoint.HeadSequence;
            deviceSynced = checkpoint.AnchorSequence;
        }

        long hostMax = importer.MaxHeld(_device, _state.Epoch);
        long committed = _last;
        if (checkpoint is { Form: 2 } && IsFault(checkpoint.LogState))
        {
            // The device's log found itself damaged at boot (records erased at rest, a superblock rewritten without
            // the key): it refuses every release, so this session only reads what is left and names what is gone.
            _logFault = true;
            committed = Math.Max(_last, checkpoint.CommittedThrough);
            string state = LogStateName(checkpoint.LogState);
            importer.Note(_device, _state.Epoch, "log-" + Kebab(state), Math.Min(committed, _last + 1), committed,
                $"the device's record log opened {state} at boot: it committed records through {checkpoint.CommittedThrough} and now ends at {_last}" +
                (checkpoint.FirstSequence > 0 ? $" (oldest kept {checkpoint.FirstSequence})" : " (no record readable)") +
                "; the device releases nothing until serviced");
        }
        bool erasedNotReset = _logFault && committed >= Math.Max(hostMax, _state.ReleasedThrough);
        if (erasedNotReset) _state = _state with { ReleasedThrough = Math.Max(deviceSynced, _state.ReleasedThrough) };
        else if (deviceSynced < _state.ReleasedThrough || _last < hostMax)
        {
            importer.Note(_device, _state.Epoch, "log-reset", 1, Math.Max(hostMax, _state.ReleasedThrough),
                $"the device's log now ends at {_last} with {deviceSynced} released, but epoch {_state.Epoch} here holds through {hostMax} " +
                $"with {_state.ReleasedThrough} released: the log restarted; its records go to epoch {_state.Epoch + 1}");
            _state = new DeviceSyncState(_device, _state.Epoch + 1, deviceSynced);
            _summary.NewEpoch = true;
        }
        else _state = _state with { ReleasedThrough = deviceSynced };
        store.SaveDevice(_state);
        _summary.Epoch = _state.Epoch;
        if (checkpoint is { AnchorSequence: > 0 })
            importer.Anchor(new RecordAnchor(_device, _state.Epoch, checkpoint.AnchorSequence, checkpoint.AnchorHash,
                "device checkpoint " + DateTimeOffset.FromUnixTimeSeconds(Math.Max(0, checkpoint.UnixSeconds)).ToString("u")));

        await ReleaseAsync(ct).ConfigureAwait(false);
        // A refused release means the device's unreleased records differ from those held: read them all again. A
        // damaged log releases nothing, so the refusal that would reveal a fork never comes: compare them all too.
        long from = _releaseBlocked || _logFault ? _state.ReleasedThrough + 1 : importer.NextNeeded(_device, _state.Epoch, _state.ReleasedThrough + 1, _last);
        long start = from - 1;
        while (from <= _last)
        {
            long next = await ReadBatchAsync(from, ct).ConfigureAwait(false);
            client.Progress?.Invoke("sync", Math.Min(next - 1, _last) - start, _last - start);
            if (next <= from) break;
            from = importer.NextNeeded(_device, _state.Epoch, next, _last);
        }
        foreach (var (gapFrom, _) in importer.Missing(_device, _state.Epoch, _last).Where(g => g.To > _state.ReleasedThrough).Take(MaxGapRereads).ToList())
            await ReadBatchAsync(Math.Max(gapFrom, _state.ReleasedThrough + 1), ct).ConfigureAwait(false);

        if (checkpoint != null && _last == checkpoint.HeadSequence && _last > 0)
        {
            var head = store.Find(_device, _state.Epoch, _last);
            if (head != null && !SHA256.HashData(head.Data).AsSpan().SequenceEqual(checkpoint.HeadHash))
                importer.Note(_device, _state.Epoch, "checkpoint", _last, _last, $"record {_last} held here differs from the head the device's checkpoint authenticates");
        }
        _summary.SyncedThrough = (uint)_state.ReleasedThrough;
        _summary.LogFault = _logFault;
        _summary.Missing = importer.Missing(_device, _state.Epoch, Math.Max(Math.Max(_last, committed), importer.MaxHeld(_device, _state.Epoch)));
        _summary.KeptApart = store.Records(_device).Where(r => r.Epoch == _state.Epoch && r.State != RecordState.Verified)
            .Select(r => r.Sequence).ToList();
        _summary.Anomalies = importer.Noted;
        _summary.Promoted = importer.Promotions;
        return _summary;
    }

    private async Task<SyncCheckpoint?> CheckpointAsync(DeviceInfo info, CancellationToken ct)
    {
        var challenge = RandomNumberGenerator.GetBytes(16);
        byte form = _revision >= 2 ? (byte)2 : (byte)1;
        var raw = await client.GetCheckpointAsync(challenge, ct, form).ConfigureAwait(false);
        var c = SyncCheckpoint.Decode(raw, 0, raw.Length)!;
        string problem = !verifier.VerifyCheckpoint(_device, raw, out string why) ? why
            : !c.Challenge.AsSpan().SequenceEqual(challenge) ? "checkpoint answers another challenge (replayed)"
            : !c.DeviceId.AsSpan().SequenceEqual(info.DeviceId) ? "checkpoint names another device"
            : c.Form != form ? $"checkpoint of form {c.Form} answers a form-{form} request (downgraded: the log's state is hidden)"
            : "";
        if (problem.Length == 0) return c;
        importer.Note(_device, _state.Epoch, "checkpoint", c.HeadSequence, c.HeadSequence, problem + "; anchor not used");
        return null;
    }

    // Reads one batch from `from`, imports every record in it, releases what became releasable; returns the
    // sequence after the highest one received (≤ from when the device sent nothing usable).
    private async Task<long> ReadBatchAsync(long from, CancellationToken ct)
    {
        if (from > uint.MaxValue) return from;
        var batch = await client.SyncReadAsync((uint)from, ct: ct).ConfigureAwait(false);
        if (batch.LastSequence > _last) _last = batch.LastSequence; // inspections made during the sync
        if (batch.Records.Length == 0)
        {
            if (from <= _last)
                importer.Note(_device, _state.Epoch, "lying-device", from, _last, $"the device announced records through {_last} but sent none from {from}");
            return from;
        }
        if (batch.Records.All(r => r.Data.Length == 0) && batch.Records.Length > 1)
        {
            // A device does not lose a whole batch of records; one announcing far more than it holds does this.
            importer.Note(_device, _state.Epoch, "lying-device", from, _last,
                $"the device announced records through {_last} but sent {batch.Records.Length} empty records from {from}; stopped reading");
            return from;
        }
        long expect = from;
        foreach (var rec in batch.Records)
        {
            long s = rec.Sequence;
            if (s > expect) importer.Note(_device, _state.Epoch, "gap", expect, s - 1, $"records {expect}..{s - 1} were left out of a batch");
            else if (s < expect) importer.Note(_device, _state.Epoch, "out-of-order", s, s, $"record {s} arrived after record {expect - 1}");
            _summary.Count(importer.Import(_device, _state.Epoch, s, rec.Data));
            expect = Math.Max(expect, s + 1);
        }
        if (expect == from) importer.Note(_device, _state.Epoch, "lying-device", from, from, $"asked for records from {from}, the device sent only earlier ones");
        await ReleaseAsync(ct).ConfigureAwait(false);
        return expect;
    }

    // Releases the contiguous verified prefix after what the device has released, one commit span at a time.
    private async Task ReleaseAsync(CancellationToken ct)
    {
        while (!_releaseBlocked && !_logFault)
        {
            long after = _state.ReleasedThrough;
            long k = importer.ReleasableThrough(_device, _state.Epoch, after, _last);
            if (k <= after) return;
            var (chain, proof) = importer.CommitProof(_device, _state.Epoch, after, k);
            uint synced;
            try
            {
                synced = _revision >= 1
                    ? await client.SyncCommitAsync((uint)after, (uint)k, chain, proof, ct).ConfigureAwait(false)
                    : await client.SyncCommitRevision0Async((uint)k, chain, ct).ConfigureAwait(false);
            }
            catch (DeviceErrorException e) when (e.Code is ErrorCode.HashMismatch or ErrorCode.OutOfRange)
            {
                // The device holds other records than this host under these sequences (fork or reset): release nothing.
                importer.Note(_device, _state.Epoch, "commit-refused", after + 1, k,
                    $"the device refused releasing {after + 1}..{k} ({ErrorCode.Name(e.Code)}): its records differ from those held here");
                _releaseBlocked = true;
                return;
            }
            catch (DeviceErrorException e) when (e.Code == ErrorCode.StorageFault)
            {
                // The device could not mark the records released (a faulted log writes nothing): they stay on it.
                importer.Note(_device, _state.Epoch, "commit-refused", after + 1, k,
                    $"the device could not release {after + 1}..{k} (StorageFault): they stay on the device, held here");
                _releaseBlocked = true;
                return;
            }
            if (synced <= after) return;
            _state = _state with { ReleasedThrough = synced };
            importer.Store.SaveDevice(_state);
        }
    }
}

/// <summary>What one sync session did.</summary>
public sealed class SyncSummary
{
    public string DeviceId { get; set; } = "";
    public int Epoch { get; set; } = 1;
    /// <summary>True when this session found the device's log restarted and opened a new epoch.</summary>
    public bool NewEpoch { get; set; }
    public int Stored { get; private set; }
    public int Unlinked { get; private set; }
    public int Rejected { get; private set; }
    public int Duplicates { get; private set; }
    public int Promoted { get; set; }
    public int Forks { get; private set; }
    /// <summary>The device's released-through after the session (only records held and verified here).</summary>
    public uint SyncedThrough { get; set; }
    /// <summary>True when the device reported its record log damaged at boot (named in <see cref="Anomalies"/> as
    /// <c>log-truncated</c>, <c>log-authentication-failed</c>, …): nothing was released.</summary>
    public bool LogFault { get; set; }
    /// <summary>Sequences of the current epoch not held here (up to the device's committed-through mark).</summary>
    public IReadOnlyList<(long From, long To)> Missing { get; set; } = [];
    /// <summary>Sequences of the current epoch held but not verified (kept apart or unlinked): not released.</summary>
    public IReadOnlyList<long> KeptApart { get; set; } = [];
    public IReadOnlyList<RecordAnomaly> Anomalies { get; set; } = [];

    /// <summary>True when nothing needs attention: no gap, no kept-apart record, no anomaly.</summary>
    public bool Clean => Missing.Count == 0 && KeptApart.Count == 0 && Anomalies.Count == 0;

    internal void Count(ImportOutcome o)
    {
        switch (o)
        {
            case ImportOutcome.Stored: Stored++; break;
            case ImportOutcome.Unlinked: Unlinked++; break;
            case ImportOutcome.Rejected: Rejected++; break;
            case ImportOutcome.Fork: Forks++; break;
            case ImportOutcome.Promoted: break; // counted by the importer, with those promoted by a relink
            default: Duplicates++; break;
        }
    }
}
