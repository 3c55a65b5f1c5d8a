using System.Security.Cryptography;
using Handheld.Core.Protocol;
using Handheld.Sdk.Device;
using Handheld.Sdk.Records;
using Handheld.Simulator.Link;
using static Handheld.Sdk.Tests.Device.DeviceTestKit;

namespace Handheld.Sdk.Tests.Device;

/// <summary>The issue-13 findings on the sync path, end to end over the real handler, log and store.</summary>
public class SyncEvidenceTests
{
    private static DeviceClient Client(SimulatedDevice d) => new(new LoopbackLink(d.Handler, 185, true));

    private static byte[] Read(SimulatedDevice d, long seq)
    {
        var buf = new byte[2048];
        return buf[..d.ReadRecord(seq, buf)];
    }

    // Finding 1: an app that read only record 25 could release 1..25.
    [Fact]
    public async Task SyncCommit_RogueAppCommitsRecord25HashOnly_RefusedNothingReleased()
    {
        var d = NewDevice(30);
        await using var c = Client(d);
        var e = await Assert.ThrowsAsync<DeviceErrorException>(() => c.SyncCommitRevision0Async(25, SHA256.HashData(Read(d, 25))));
        Assert.Equal(ErrorCode.CommitProofRequired, e.Code);
        var e2 = await Assert.ThrowsAsync<DeviceErrorException>(() => c.SyncCommitAsync(0, 25, SHA256.HashData(Read(d, 25)), new byte[32]));
        Assert.Equal(ErrorCode.HashMismatch, e2.Code);
        Assert.Equal(0, d.SyncedThrough);
    }

    // Finding 2: a relay that leaves record 6 out got 1–5 and 7–10 stored as verified.
    [Fact]
    public async Task SyncAsync_RelayAlwaysDropsRecord6_GapNamedReleasedOnlyThrough5()
    {
        var d = NewDevice(10);
        using var store = new SqliteRecordStore(TempDb());
        await using var c = new DeviceClient(new MeddlingRelay(new LoopbackLink(d.Handler, 185, true), rs => rs.Where(r => r.Sequence != 6).ToList()));
        var s = await c.SyncAsync(store, Verifier(d));
        Assert.Equal(5, d.SyncedThrough);
        Assert.Equal([(6L, 6L)], s.Missing);
        Assert.Equal([7L, 8, 9, 10], s.KeptApart);
        Assert.Contains(s.Anomalies, a => a.Kind == "gap" && a.FromSequence == 6 && a.ToSequence == 6);
        Assert.All(store.Records().Where(r => r.Sequence > 6), r => Assert.Equal(RecordState.Unlinked, r.State));
    }

    [Fact]
    public async Task SyncAsync_RelayReordersBatch_AllVerifiedAndOutOfOrderNamed()
    {
        var d = NewDevice(12);
        using var store = new SqliteRecordStore(TempDb());
        await using var c = new DeviceClient(new MeddlingRelay(new LoopbackLink(d.Handler, 185, true), rs => Enumerable.Reverse(rs).ToList()));
        var s = await c.SyncAsync(store, Verifier(d));
        Assert.Equal(12, d.SyncedThrough);
        Assert.All(store.Records(), r => Assert.Equal(RecordState.Verified, r.State));
        Assert.Contains(s.Anomalies, a => a.Kind == "out-of-order");
    }

    // Finding 3a: a log that restarted at 1 was never synced again.
    [Fact]
    public async Task SyncAsync_LogResetSameIdAndKey_NewEpochSyncedAndNamed()
    {
        var d = NewDevice(10, seed: 7);
        using var store = new SqliteRecordStore(TempDb());
        await using (var c = Client(d)) await c.SyncAsync(store, Verifier(d));
        var erased = NewDevice(0, seed: 7); // same id and key, log erased
        erased.AddSampleRecords(4, seed: 70);
        await using var c2 = Client(erased);
        var s = await c2.SyncAsync(store, Verifier(erased));
        Assert.True(s.NewEpoch);
        Assert.Equal(2, s.Epoch);
        Assert.Equal(4, s.Stored);
        Assert.Equal(4, erased.SyncedThrough);
        Assert.Contains(s.Anomalies, a => a.Kind == "log-reset");
        Assert.Equal(14, store.Records().Count);
    }

    // Finding 3b: different bytes under a stored (device, sequence) were counted "Duplicate".
    [Fact]
    public async Task SyncAsync_ForkedRecords_BothKeptFlaggedAndNotReleased()
    {
        var a = NewDevice(3, seed: 8);
        using var store = new SqliteRecordStore(TempDb());
        var imp = new RecordImporter(store, Verifier(a));
        string id = Convert.ToHexString(a.DeviceId);
        for (long q = 1; q <= 3; q++) imp.Import(id, 1, q, Read(a, q)); // held, never released (link dropped before commit)
        var b = NewDevice(0, seed: 8);
        b.AddSampleRecords(5, seed: 80);
        await using var c = Client(b);
        var s = await c.SyncAsync(store, Verifier(b));
        Assert.Equal(3, s.Forks);
        Assert.Equal(3, store.Forks().Count);
        Assert.Equal(3, s.Anomalies.Count(x => x.Kind == "fork"));
        Assert.Equal(0, b.SyncedThrough);
    }

    // Finding 5: a wrong key file kept every record apart AND released them on the device.
    [Fact]
    public async Task SyncAsync_WrongKeyThenRightKey_NothingReleasedThenEverythingSynced()
    {
        var d = NewDevice(20);
        string id = Convert.ToHexString(d.DeviceId);
        using var store = new SqliteRecordStore(TempDb());
        var wrong = new RecordCodecVerifier(new Dictionary<string, byte[]> { [id] = new byte[32] });
        await using (var c = Client(d))
        {
            var s = await c.SyncAsync(store, wrong);
            Assert.Equal(20, s.Rejected);
            Assert.Contains(s.Anomalies, x => x.Kind == "checkpoint");
        }
        Assert.Equal(0, d.SyncedThrough);
        await using (var c = Client(d))
        {
            var s = await c.SyncAsync(store, Verifier(d));
            Assert.Equal(20, s.Promoted);
            Assert.True(s.Clean);
        }
        Assert.Equal(20, d.SyncedThrough);
        Assert.All(store.Records(), r => Assert.Equal(RecordState.Verified, r.State));
    }

    [Fact]
    public async Task SyncAsync_EmptyKeyFile_NothingReleased()
    {
        var d = NewDevice(6);
        using var store = new SqliteRecordStore(TempDb());
        await using var c = Client(d);
        var s = await c.SyncAsync(store, new RecordCodecVerifier(new Dictionary<string, byte[]>()));
        Assert.Equal(6, s.Rejected);
        Assert.Equal(0, d.SyncedThrough);
    }

    // Finding 6: a device announcing sequence 0xFFFFFFFF made `device sync` loop (the counter wrapped).
    [Fact]
    public async Task SyncAsync_DeviceAnnouncesLastSequenceFFFFFFFF_EndsWithLyingDeviceAnomaly()
    {
        var d = NewDevice(10);
        var liar = new LyingRecordSource(d, uint.MaxValue);
        var handler = new RequestHandler(liar, d.Lists, d, d, d, d, d, d, new HostHash256());
        using var store = new SqliteRecordStore(TempDb());
        await using var c = new DeviceClient(new LoopbackLink(handler, 185, true));
        var s = await c.SyncAsync(store, Verifier(d));
        Assert.Equal(10, s.Stored);
        Assert.Equal(10, d.SyncedThrough);
        Assert.Contains(s.Anomalies, a => a.Kind == "lying-device");
        Assert.True(c.Exchanges.Count < 20, c.Exchanges.Count + " exchanges");
    }

    [Fact]
    public async Task SyncAsync_DeviceSendsRecordClaimingSequenceFFFFFFFF_Ends()
    {
        var d = NewDevice(3);
        using var store = new SqliteRecordStore(TempDb());
        await using var c = new DeviceClient(new MeddlingRelay(new LoopbackLink(d.Handler, 185, true),
            rs => rs.Select(r => new SyncedRecord { Sequence = uint.MaxValue, Data = r.Data }).ToList()));
        var s = await c.SyncAsync(store, Verifier(d));
        Assert.Equal(0, d.SyncedThrough);
        Assert.Contains(s.Anomalies, a => a.Kind == "gap");
        Assert.True(c.Exchanges.Count < 30, c.Exchanges.Count + " exchanges");
    }

    // Finding 8: a second reader could not anchor what it receives after another app released the earlier records.
    [Fact]
    public async Task SyncAsync_FreshReaderAfterOtherAppReleased_AnchoredByCheckpointVerifiedAndReleased()
    {
        var d = NewDevice(30);
        using (var first = new SqliteRecordStore(TempDb()))
        await using (var c = Client(d)) await c.SyncAsync(first, Verifier(d));
        d.AddSampleRecords(5, seed: 31);
        using var fresh = new SqliteRecordStore(TempDb());
        await using var c2 = Client(d);
        var s = await c2.SyncAsync(fresh, Verifier(d));
        Assert.Equal(5, s.Stored);
        Assert.Equal(35, d.SyncedThrough);
        Assert.Equal([(1L, 30L)], s.Missing); // held by the first reader, named here
        Assert.NotNull(fresh.Anchor(Convert.ToHexString(d.DeviceId), 1, 30));
    }

    [Fact]
    public async Task SyncAsync_CheckpointReplayedByRelay_AnchorNotUsedAndNamed()
    {
        var d = NewDevice(4);
        byte[]? old = null;
        await using (var c0 = Client(d)) old = await c0.GetCheckpointAsync(new byte[16]);
        using var store = new SqliteRecordStore(TempDb());
        await using var c = new DeviceClient(new CheckpointReplayTransport(new LoopbackLink(d.Handler, 185, true), old));
        var s = await c.SyncAsync(store, Verifier(d));
        Assert.Contains(s.Anomalies, a => a.Kind == "checkpoint" && a.Detail.Contains("replayed"));
        Assert.Equal(4, d.SyncedThrough); // records 1..4 link to the zero hash without any anchor
    }

    /// <summary>An IRecordSource over a real device that announces <paramref name="last"/> as its newest sequence.</summary>
    private sealed class LyingRecordSource(SimulatedDevice d, long last) : IRecordSource
    {
        public long FirstSequence => d.FirstSequence;
        public long LastSequence => last;
        public long SyncedThrough => d.SyncedThrough;
        public int ReadRecord(long sequence, byte[] buffer) => d.ReadRecord(sequence, buffer);
        public bool MarkSynced(long sequence) => d.MarkSynced(sequence);
        public void GetAnchor(out long sequence, byte[] chainHash32, int offset) => d.GetAnchor(out sequence, chainHash32, offset);
        public void GetHeadHash(byte[] chainHash32, int offset) => d.GetHeadHash(chainHash32, offset);
        public bool Authenticate(byte[] data, int offset, int count, byte[] mac32, int macOffset) => d.Authenticate(data, offset, count, mac32, macOffset);
        public long UsedBytes => d.UsedBytes;
        public long CapacityBytes => d.CapacityBytes;
    }

    /// <summary>Answers every GetCheckpoint with an old, validly MACed checkpoint (a replay).</summary>
    private sealed class CheckpointReplayTransport(IDeviceTransport inner, byte[] old) : IDeviceTransport
    {
        private readonly Queue<byte[]> _replay = new();
        public int Mtu => inner.Mtu;
        public Task SendChunkAsync(byte[] chunk, int offset, int count, CancellationToken ct)
        {
            var a = new FrameAssembler();
            if (a.Feed(chunk, offset, count) == FrameResult.Message && a.MessageType == MessageType.GetCheckpoint)
            {
                var m = Frame.EncodeMessage(MessageType.ResponseTo(MessageType.GetCheckpoint), a.RequestId, old, 0, old.Length);
                int size = Frame.ChunkSizeForMtu(Mtu);
                var buf = new byte[size];
                for (int i = 0; i < Frame.ChunkCount(m.Length, size); i++) _replay.Enqueue(buf[..Frame.WriteChunk(m, m.Length, size, i, buf)]);
                return Task.CompletedTask;
            }
            return inner.SendChunkAsync(chunk, offset, count, ct);
        }
        public async Task<byte[]?> ReceiveChunkAsync(CancellationToken ct) => _replay.Count > 0 ? _replay.Dequeue() : await inner.ReceiveChunkAsync(ct);
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
