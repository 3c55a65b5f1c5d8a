using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Records;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Protocol;

/// <summary>Issue 15 items 5 and 8 through the protocol: SetTime's backward bound, Provision's reserved values.</summary>
public class HardeningHandlerTests
{
    private static byte[] P(Action<PayloadWriter> f) { var w = new PayloadWriter(4096); f(w); return w.ToArray(); }

    private sealed class Rtc : IRtc
    {
        public long Unix;
        public long ReadUnix() => Unix;
        public bool Write(long unixSeconds) { Unix = unixSeconds; return true; }
    }

    private static byte Handle(RequestHandler h, byte type, byte[] payload, out byte[] response)
    {
        var w = new PayloadWriter(4096);
        byte e = h.Handle(type, payload, 0, payload.Length, true, w);
        response = w.ToArray();
        return e;
    }

    [Fact]
    public void SetTime_MoreThan600sBack_ClockBackward_ThenWithinTheBoundAccepted()
    {
        var f = new HandlerFixture();
        var clock = new AuditedClock(new Rtc());
        var h = new RequestHandler(f, f.Lists, clock, clock, f, f, f, f, new TestHash());
        Assert.Equal(ErrorCode.None, Handle(h, MessageType.SetTime, P(w => w.I64(1_760_000_000)), out _));
        Assert.Equal(ErrorCode.ClockBackward, Handle(h, MessageType.SetTime, P(w => w.I64(1_760_000_000 - 601)), out _));
        Assert.Equal(ErrorCode.None, Handle(h, MessageType.SetTime, P(w => w.I64(1_760_000_000 - 600)), out var r));
        Assert.Equal((byte)ClockSource.AppSynced, r[0]); // previous source
        Assert.Equal("ClockBackward", ErrorCode.Name(ErrorCode.ClockBackward));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Provision_AllZeroDeviceIdOrRecordKey_Refused(bool zeroId, bool zeroKey)
    {
        var f = new HandlerFixture();
        byte[] id = zeroId ? new byte[16] : Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        byte[] key = zeroKey ? new byte[32] : Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var (_, p) = f.Request(MessageType.Provision, P(w => { w.Bytes(id, 0, 16); w.Bytes(key, 0, 32); w.I64(0); }));
        Assert.Equal(ErrorCode.MalformedPayload, p[0]);
        Assert.False(((IProvisioningStore)f).IsProvisioned);
    }
}
