using Handheld.Core.Inspection;
using Handheld.Core.Protocol;

namespace Handheld.Core.Tests.Protocol;

public class InspectionBroadcasterTests
{
    private sealed class Sink(HandlerFixture f, bool ok) : IRecordSink
    {
        public bool Append(InspectionSummary summary)
        {
            if (ok) f.AddRecords(1);
            return ok;
        }
    }

    [Fact]
    public void Append_StoredOnPairedLink_PublishesEventNamingTheRecord()
    {
        var f = new HandlerFixture();
        f.AddRecords(4);
        var b = new InspectionBroadcaster(new Sink(f, true), f, f.Session);
        var s = new InspectionSummary { Outcome = Outcome.Invalid, Reasons = 0x20, LicenceNumber = "X-1"u8.ToArray(), UnixSeconds = 1_750_000_000 };
        Assert.True(b.Append(s));
        var m = f.Output.Messages.Single();
        var e = InspectionEvent.Decode(m.Payload, 0, m.Payload.Length)!;
        Assert.Equal(5u, e.RecordSequence);
        Assert.Equal((byte)Outcome.Invalid, e.Verdict);
        Assert.Equal(0x20u, e.ReasonFlags);
    }

    [Fact]
    public void Append_StorageFails_NothingAnnounced()
    {
        var f = new HandlerFixture();
        var b = new InspectionBroadcaster(new Sink(f, false), f, f.Session);
        Assert.False(b.Append(new InspectionSummary { LicenceNumber = "X"u8.ToArray() }));
        Assert.Empty(f.Output.Messages);
    }
}
