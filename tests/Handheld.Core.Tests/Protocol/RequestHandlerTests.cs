using System.Security.Cryptography;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Protocol;

public class RequestHandlerTests
{
    private static byte[] P(Action<PayloadWriter> f) { var w = new PayloadWriter(4096); f(w); return w.ToArray(); }

    [Fact]
    public void GetInfo_Unauthenticated_ReportsStatus()
    {
        var f = new HandlerFixture(authenticated: false);
        f.AddRecords(3);
        var (t, p) = f.Request(MessageType.GetInfo, []);
        Assert.Equal(0x81, t);
        var i = DeviceInfo.Decode(p, 0, p.Length)!;
        Assert.Equal("1.2.3", i.FirmwareVersion);
        Assert.Equal(3u, i.LastSequence);
        Assert.Equal(ClockSource.Unset, i.ClockSource);
        Assert.False(i.LinkAuthenticated);
        Assert.Equal(55, i.BatteryPercent);
    }

    [Theory]
    [InlineData(MessageType.SetTime)]
    [InlineData(MessageType.SyncRead)]
    [InlineData(MessageType.SyncCommit)]
    [InlineData(MessageType.ListBegin)]
    [InlineData(MessageType.ConfigSet)]
    [InlineData(MessageType.Provision)]
    [InlineData(MessageType.SelfTest)]
    public void Handle_ChangingOrPrivateRequestOnUnpairedLink_RefusedNotAuthenticated(byte type)
    {
        var f = new HandlerFixture(authenticated: false);
        var (t, p) = f.Request(type, new byte[8]);
        Assert.Equal(MessageType.Error, t);
        Assert.Equal(ErrorCode.NotAuthenticated, p[0]);
    }

    [Fact]
    public void Handle_UnknownType_ErrorAndLinkKeepsWorking()
    {
        var f = new HandlerFixture();
        var (t, p) = f.Request(0x3F, [1, 2]);
        Assert.Equal(MessageType.Error, t);
        Assert.Equal(ErrorCode.UnknownType, p[0]);
        Assert.Equal(0x3F, p[1]);
        Assert.Equal(0x81, f.Request(MessageType.GetInfo, []).Type);
    }

    [Fact]
    public void SetTime_Valid_SetsAppSyncedAndReturnsPrevious()
    {
        var f = new HandlerFixture();
        var (t, p) = f.Request(MessageType.SetTime, P(w => w.I64(1_750_000_000)));
        Assert.Equal(0x82, t);
        Assert.Equal((byte)ClockSource.Unset, p[0]);
        Assert.Equal(ClockSource.AppSynced, f.Source);
        Assert.Equal(1_750_000_000, f.Unix);
    }

    [Fact]
    public void SetTime_Before2020_RefusedBadTime()
    {
        var f = new HandlerFixture();
        var (_, p) = f.Request(MessageType.SetTime, P(w => w.I64(86400)));
        Assert.Equal(ErrorCode.BadTime, p[0]);
        Assert.Equal(ClockSource.Unset, f.Source);
    }

    private static byte[] Proof(IEnumerable<byte[]> records)
    {
        var h = new TestHash();
        foreach (var r in records) SyncProof.Add(h, r, 0, r.Length);
        var d = new byte[32];
        h.Final(d, 0);
        return d;
    }

    private static byte[] Commit(long after, long through, byte[] chain, byte[] proof) =>
        P(w => { w.U32((uint)after); w.U32((uint)through); w.Bytes(chain, 0, 32); w.Bytes(proof, 0, 32); });

    [Fact]
    public void SyncRead_ThenCommitWithChainHashAndProof_ReleasesThroughThatRecord()
    {
        var f = new HandlerFixture();
        f.AddRecords(50);
        var (t, p) = f.Request(MessageType.SyncRead, P(w => { w.U32(1); w.U16(0); w.U16(0); }));
        Assert.Equal(0x90, t);
        var b = SyncBatch.Decode(p, 0, p.Length)!;
        Assert.True(b.Records.Length > 10);
        Assert.Equal(1u, b.Records[0].Sequence);
        Assert.Equal(f.Records[0], b.Records[0].Data);
        var last = b.Records[^1];
        var (t2, p2) = f.Request(MessageType.SyncCommit, Commit(0, last.Sequence, SHA256.HashData(last.Data), Proof(b.Records.Select(r => r.Data))));
        Assert.Equal(0x91, t2);
        Assert.Equal(last.Sequence, LittleEndian.ReadU32(p2, 0));
        Assert.Equal(last.Sequence, f.Synced);
    }

    // Finding 1: reading only record 25 and committing its hash released 1..25.
    [Fact]
    public void SyncCommit_OnlyHashOfRecordKRevision0Form_RefusedCommitProofRequiredNothingReleased()
    {
        var f = new HandlerFixture();
        f.AddRecords(30);
        var (_, p) = f.Request(MessageType.SyncCommit, P(w => { w.U32(25); w.Bytes(SHA256.HashData(f.Records[24]), 0, 32); }));
        Assert.Equal(ErrorCode.CommitProofRequired, p[0]);
        Assert.Equal(0, f.Synced);
    }

    [Fact]
    public void SyncCommit_ProofFromRecordKAloneNotTheRange_RefusedHashMismatchNothingReleased()
    {
        var f = new HandlerFixture();
        f.AddRecords(30);
        var (_, p) = f.Request(MessageType.SyncCommit, Commit(0, 25, SHA256.HashData(f.Records[24]), Proof([f.Records[24]])));
        Assert.Equal(ErrorCode.HashMismatch, p[0]);
        Assert.Equal(0, f.Synced);
    }

    [Fact]
    public void SyncCommit_ProofMissingOneRecordOfTheRange_RefusedHashMismatch()
    {
        var f = new HandlerFixture();
        f.AddRecords(10);
        var (_, p) = f.Request(MessageType.SyncCommit, Commit(0, 10, SHA256.HashData(f.Records[9]), Proof(f.Records.Where((_, i) => i != 4))));
        Assert.Equal(ErrorCode.HashMismatch, p[0]);
        Assert.Equal(0, f.Synced);
    }

    [Fact]
    public void SyncCommit_AfterBeyondDeviceCursor_RefusedOutOfRange()
    {
        var f = new HandlerFixture();
        f.AddRecords(10);
        var (_, p) = f.Request(MessageType.SyncCommit, Commit(5, 10, SHA256.HashData(f.Records[9]), Proof(f.Records.Skip(5))));
        Assert.Equal(ErrorCode.OutOfRange, p[0]);
        Assert.Equal(0, f.Synced);
    }

    [Fact]
    public void SyncCommit_SpanAboveLimit_RefusedTooLarge()
    {
        var f = new HandlerFixture();
        f.AddRecords(SyncProof.MaxCommitSpan + 1);
        var (_, p) = f.Request(MessageType.SyncCommit, Commit(0, f.Records.Count, SHA256.HashData(f.Records[^1]), Proof(f.Records)));
        Assert.Equal(ErrorCode.TooLarge, p[0]);
    }

    [Fact]
    public void SyncCommit_WrongChainHash_RefusedAndNothingReleased()
    {
        var f = new HandlerFixture();
        f.AddRecords(5);
        var (_, p) = f.Request(MessageType.SyncCommit, Commit(0, 5, new byte[32], Proof(f.Records)));
        Assert.Equal(ErrorCode.HashMismatch, p[0]);
        Assert.Equal(0, f.Synced);
    }

    [Fact]
    public void SyncCommit_BeyondLastRecord_RefusedOutOfRange()
    {
        var f = new HandlerFixture();
        f.AddRecords(2);
        var (_, p) = f.Request(MessageType.SyncCommit, Commit(0, 9, new byte[32], new byte[32]));
        Assert.Equal(ErrorCode.OutOfRange, p[0]);
    }

    [Fact]
    public void SyncCommit_AlreadyReleased_IdempotentSuccess()
    {
        var f = new HandlerFixture();
        f.AddRecords(5);
        f.Synced = 5;
        var (t, p) = f.Request(MessageType.SyncCommit, Commit(0, 3, new byte[32], new byte[32]));
        Assert.Equal(0x91, t);
        Assert.Equal(5u, LittleEndian.ReadU32(p, 0));
    }

    // Finding 8: a fresh reader gets an authenticated anchor and head.
    [Fact]
    public void GetCheckpoint_Provisioned_MacOverFieldsWithRecordKeyAndEchoesChallenge()
    {
        var f = new HandlerFixture();
        f.Request(MessageType.Provision, P(w => { w.Bytes(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), 0, 16); w.Bytes(new byte[32].Select((_, i) => (byte)(i * 7)).ToArray(), 0, 32); w.I64(1_750_000_000); }));
        f.AddRecords(4);
        var challenge = Enumerable.Range(100, 16).Select(i => (byte)i).ToArray();
        var (t, p) = f.Request(MessageType.GetCheckpoint, challenge);
        Assert.Equal(0x92, t);
        var c = SyncCheckpoint.Decode(p, 0, p.Length)!;
        Assert.Equal(challenge, c.Challenge);
        Assert.Equal(4u, c.HeadSequence);
        Assert.Equal(SHA256.HashData(f.Records[3]), c.HeadHash);
        Assert.Equal(HMACSHA256.HashData(f.RecordKey, p.AsSpan(0, SyncCheckpoint.MacCoveredBytes)), c.Mac);
    }

    // Revision 2: the form byte asks for the log's state; a source that does not report it says 255.
    [Fact]
    public void GetCheckpoint_Form2_CarriesLogStateAndCommittedThroughUnderTheMac()
    {
        var f = new HandlerFixture();
        // A non-zero device id: Provision refuses the all-zero id GetInfo reserves for "not provisioned".
        f.Request(MessageType.Provision, P(w => { w.Bytes(new byte[16].Select((_, i) => (byte)(i + 1)).ToArray(), 0, 16); w.Bytes(new byte[32].Select((_, i) => (byte)(i + 3)).ToArray(), 0, 32); w.I64(1_750_000_000); }));
        f.AddRecords(3);
        var challenge = Enumerable.Range(7, 16).Select(i => (byte)i).ToArray();
        var (t, p) = f.Request(MessageType.GetCheckpoint, [.. challenge, 2]);
        Assert.Equal(0x92, t);
        Assert.Equal(SyncCheckpoint.EncodedBytes2, p.Length);
        Assert.Equal(SyncCheckpoint.Tag2, p[0]);
        var c = SyncCheckpoint.Decode(p, 0, p.Length)!;
        Assert.Equal(2, c.Form);
        Assert.Equal(SyncCheckpoint.LogStateNotReported, c.LogState);
        Assert.Equal(3u, c.CommittedThrough);
        Assert.Equal(challenge, c.Challenge);
        Assert.Equal(HMACSHA256.HashData(f.RecordKey, p.AsSpan(0, SyncCheckpoint.MacCoveredBytes2)), c.Mac);
        // An older app's 16-byte request still gets form 1.
        var (_, old) = f.Request(MessageType.GetCheckpoint, challenge);
        Assert.Equal(SyncCheckpoint.EncodedBytes, old.Length);
        Assert.Equal(SyncCheckpoint.Tag, old[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void GetCheckpoint_UnknownForm_RefusedMalformedPayload(byte form)
    {
        var f = new HandlerFixture();
        f.Request(MessageType.Provision, P(w => { w.Bytes(new byte[16], 0, 16); w.Bytes(new byte[32], 0, 32); w.I64(1_750_000_000); }));
        var (t, p) = f.Request(MessageType.GetCheckpoint, [.. new byte[16], form]);
        Assert.Equal(MessageType.Error, t);
        Assert.Equal(ErrorCode.MalformedPayload, p[0]);
    }

    [Fact]
    public void GetCheckpoint_NotProvisioned_RefusedNotProvisioned()
    {
        var f = new HandlerFixture();
        var (_, p) = f.Request(MessageType.GetCheckpoint, new byte[16]);
        Assert.Equal(ErrorCode.NotProvisioned, p[0]);
    }

    [Fact]
    public void Provision_Twice_SecondRefusedAlreadyProvisioned()
    {
        var f = new HandlerFixture();
        byte[] id = Enumerable.Repeat((byte)0x11, 16).ToArray(), key = Enumerable.Repeat((byte)0x22, 32).ToArray();
        var body = P(w => { w.Bytes(id, 0, 16); w.Bytes(key, 0, 32); w.I64(1_750_000_000); });
        Assert.Equal(0xD0, f.Request(MessageType.Provision, body).Type);
        Assert.Equal(ClockSource.Factory, f.Source);
        var (t, p) = f.Request(MessageType.Provision, body);
        Assert.Equal(MessageType.Error, t);
        Assert.Equal(ErrorCode.AlreadyProvisioned, p[0]);
    }

    [Fact]
    public void ConfigSet_UnknownKey_Refused()
    {
        var f = new HandlerFixture();
        var (_, p) = f.Request(MessageType.ConfigSet, P(w => { w.U8(99); w.U32(1); }));
        Assert.Equal(ErrorCode.UnknownKey, p[0]);
    }

    [Fact]
    public void SelfTest_ReturnsEveryResult()
    {
        var f = new HandlerFixture();
        var (t, p) = f.Request(MessageType.SelfTest, []);
        Assert.Equal(0xC0, t);
        Assert.Equal(2, p[0]);
        Assert.Equal(13, p.Length);
    }

    [Fact]
    public void PublishInspection_Authenticated_SendsEventWithRequestIdZero()
    {
        var f = new HandlerFixture();
        Assert.True(f.Session.PublishInspection(new InspectionEvent { RecordSequence = 4, Verdict = 2, ReasonFlags = 0x8001u, LicenceNumber = "（京）FM安许证字〔2024〕000123" }));
        var m = f.Output.Messages[^1];
        Assert.Equal(MessageType.InspectionEvent, m.Type);
        Assert.Equal(0, m.Id);
        var e = InspectionEvent.Decode(m.Payload, 0, m.Payload.Length)!;
        Assert.Equal("（京）FM安许证字〔2024〕000123", e.LicenceNumber);
        Assert.Equal(0x8001u, e.ReasonFlags);
    }

    [Fact]
    public void PublishInspection_Unauthenticated_NotSent()
    {
        var f = new HandlerFixture(authenticated: false);
        Assert.False(f.Session.PublishInspection(new InspectionEvent()));
        Assert.Empty(f.Output.Messages);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(185)]
    [InlineData(247)]
    public void Responses_ChunkedToNegotiatedMtu(int mtu)
    {
        var f = new HandlerFixture(mtu: mtu);
        f.AddRecords(40);
        f.Request(MessageType.SyncRead, P(w => { w.U32(1); w.U16(0); w.U16(0); }));
        Assert.Equal(mtu - 3, f.Output.MaxChunk);
    }
}
