using Handheld.Core.Licensing;

namespace Handheld.Core.Tests.Licensing;

public class FibreFingerprintTests
{
    private static FibreFingerprint Sample()
    {
        var f = new FibreFingerprint(FibreFingerprint.Layout1);
        Assert.True(f.Add(7, FibreFingerprint.ColourBlue, FibreFingerprint.ClassMedium));
        Assert.True(f.Add(19, FibreFingerprint.ColourGreen, FibreFingerprint.ClassStrong));
        Assert.True(f.Add(80, FibreFingerprint.ColourBlue, FibreFingerprint.ClassWeak));     // delta 61: escape
        Assert.True(f.Add(192, FibreFingerprint.ColourGreen, FibreFingerprint.ClassMedium)); // end of the track
        return f;
    }

    [Fact]
    public void Encode_FourEvents_PacksDeltasInBits()
    {
        byte[] v = Sample().Encode();
        // 0x11 encoding 1 layout 1, 4 events; bits: 00111 0 01 | 01100 1 10 | 11111 00111101 0 00 | 11111 01110000 1 01
        Assert.Equal(new byte[] { 0x11, 0x04, 0x39, 0x66, 0xF9, 0xE8, 0xFB, 0x85 }, v);
    }

    [Fact]
    public void TryDecode_EncodedValue_RoundTrips()
    {
        byte[] v = Sample().Encode();
        Assert.Equal(LicenceStatus.Valid, FibreFingerprint.TryDecode(v, 0, v.Length, out var f));
        Assert.Equal(4, f.Count);
        Assert.Equal(new[] { 7, 19, 80, 192 }, Enumerable.Range(0, 4).Select(f.PositionAt));
        Assert.Equal(new[] { 0, 1, 0, 1 }, Enumerable.Range(0, 4).Select(f.ColourAt));
        Assert.Equal(new[] { 1, 2, 0, 1 }, Enumerable.Range(0, 4).Select(f.ClassAt));
    }

    [Theory]
    [InlineData("11", "too short")]
    [InlineData("1100 00", "count 0")]
    [InlineData("113D 00000000000000000000000000000000000000000000000000000000000000000000", "count 61 above the maximum")]
    [InlineData("1101 3F", "class 3")]
    [InlineData("1101 F800", "escape for a delta below 31")]
    [InlineData("1102 3800", "second delta 0: positions must increase")]
    [InlineData("1101 3900", "trailing byte")]
    [InlineData("1102 39F9", "second event cut short inside its escape")]
    [InlineData("1101 FE0A", "position 193 beyond the track")]
    public void TryDecode_Malformed_Rejected(string hex, string why)
    {
        byte[] v = Convert.FromHexString(hex.Replace(" ", ""));
        Assert.True(LicenceStatus.MalformedPayload == FibreFingerprint.TryDecode(v, 0, v.Length, out var f), why);
        Assert.Null(f);
    }

    [Theory]
    [InlineData("1301 38", "layout 3")]
    [InlineData("1301 3800", "layout 3, longer than layout 1's header")]
    [InlineData("2101 38", "encoding 2")]
    public void TryDecode_UnknownEncodingOrLayout_UnknownCriticalField(string hex, string why)
    {
        byte[] v = Convert.FromHexString(hex.Replace(" ", ""));
        Assert.True(LicenceStatus.UnknownCriticalField == FibreFingerprint.TryDecode(v, 0, v.Length, out _), why);
    }

    /// <summary>Layout 2: two events on track 0, none on track 1, track 2 starting far along (escape), track 3
    /// with its event on the start mark (first delta 0).</summary>
    private static FibreFingerprint Layout2Sample()
    {
        var f = new FibreFingerprint(FibreFingerprint.Layout2);
        Assert.True(f.AddOnTrack(0, 7, FibreFingerprint.ColourBlue, FibreFingerprint.ClassMedium));
        Assert.True(f.AddOnTrack(0, 19, FibreFingerprint.ColourGreen, FibreFingerprint.ClassStrong));
        Assert.True(f.AddOnTrack(2, 150, FibreFingerprint.ColourBlue, FibreFingerprint.ClassStrong));   // delta 150 from 0: escape
        Assert.True(f.AddOnTrack(2, 160, FibreFingerprint.ColourGreen, FibreFingerprint.ClassMedium));
        Assert.True(f.AddOnTrack(3, 0, FibreFingerprint.ColourGreen, FibreFingerprint.ClassMedium));     // below track 2's last position: a new track
        return f;
    }

    [Fact]
    public void Encode_Layout2_CountsPerTrackAndDeltasRestartingPerTrack()
    {
        byte[] v = Layout2Sample().Encode();
        // 0x12 encoding 1 layout 2; counts 2 0 2 1; bits: 00111 0 01 | 01100 1 10 | 11111 10010110 0 10 | 01010 1 01 | 00000 1 01
        Assert.Equal(Convert.FromHexString("12 02000201 3966FCB25505".Replace(" ", "")), v);
    }

    [Fact]
    public void TryDecode_Layout2_RoundTrips()
    {
        byte[] v = Layout2Sample().Encode();
        Assert.Equal(LicenceStatus.Valid, FibreFingerprint.TryDecode(v, 0, v.Length, out var f));
        Assert.Equal(FibreFingerprint.Layout2, f.Layout);
        Assert.Equal(5, f.Count);
        Assert.Equal(new[] { 0, 0, 2, 2, 3 }, Enumerable.Range(0, 5).Select(f.TrackAt));
        Assert.Equal(new[] { 7, 19, 150, 160, 0 }, Enumerable.Range(0, 5).Select(f.PositionAt));
        Assert.Equal(new[] { 0, 1, 0, 1, 1 }, Enumerable.Range(0, 5).Select(f.ColourAt));
        Assert.Equal(new[] { 1, 2, 2, 1, 1 }, Enumerable.Range(0, 5).Select(f.ClassAt));
        Assert.Equal(v, f.Encode());
    }

    [Fact]
    public void TryDecode_Layout2AtAnOffset_ReadsOnlyItsBytes()
    {
        byte[] v = Layout2Sample().Encode();
        byte[] framed = new byte[v.Length + 4];
        framed[0] = 0xAA; framed[1] = 0xAA;
        framed[^2] = 0xFF; framed[^1] = 0xFF;
        Array.Copy(v, 0, framed, 2, v.Length);
        Assert.Equal(LicenceStatus.Valid, FibreFingerprint.TryDecode(framed, 2, v.Length, out var f));
        Assert.Equal(new[] { 7, 19, 150, 160, 0 }, Enumerable.Range(0, 5).Select(f.PositionAt));
    }

    [Fact]
    public void TryDecode_Layout2FirstDeltaZeroOnEveryTrack_Accepted()
    {
        // Each track's first event is its delta from position 0, so 0 (an event on the start mark's line) is legal
        // on every track, not only for the field's first event.
        byte[] v = Convert.FromHexString("1201010101 02000000".Replace(" ", ""));   // 00000 0 10, then three of 00000 0 00
        Assert.Equal(LicenceStatus.Valid, FibreFingerprint.TryDecode(v, 0, v.Length, out var f));
        Assert.Equal(new[] { 0, 1, 2, 3 }, Enumerable.Range(0, 4).Select(f.TrackAt).ToArray());
        Assert.Equal(new[] { 0, 0, 0, 0 }, Enumerable.Range(0, 4).Select(f.PositionAt).ToArray());
        Assert.Equal(new[] { 0, 0, 0, 0 }, Enumerable.Range(0, 4).Select(f.ColourAt).ToArray());
        Assert.Equal(new[] { 2, 0, 0, 0 }, Enumerable.Range(0, 4).Select(f.ClassAt).ToArray());
    }

    [Fact]
    public void TryDecode_Layout2SixtyEventsOverFourTracks_Accepted()
    {
        var f = new FibreFingerprint(FibreFingerprint.Layout2);
        for (int t = 0; t < 4; t++)
            for (int k = 0; k < 15; k++) Assert.True(f.AddOnTrack(t, 1 + 12 * k, k % 2, FibreFingerprint.ClassMedium));
        Assert.False(f.AddOnTrack(3, 190, 0, FibreFingerprint.ClassMedium));   // the 61st
        byte[] v = f.Encode();
        Assert.Equal(new byte[] { 0x12, 15, 15, 15, 15 }, v.Take(5).ToArray());
        Assert.Equal(LicenceStatus.Valid, FibreFingerprint.TryDecode(v, 0, v.Length, out var back));
        Assert.Equal(60, back.Count);
        Assert.Equal(3, back.TrackAt(59));
        Assert.Equal(169, back.PositionAt(59));
    }

    // Every event is 8 or 16 bits, so a canonical layout-2 value never has padding bits: any bit after the last
    // event is a whole trailing byte.
    [Theory]
    [InlineData("12", "too short")]
    [InlineData("1201 38", "header cut short: four counts expected")]
    [InlineData("1201000000", "counts and no event")]
    [InlineData("1200000000 00", "counts summing to 0")]
    [InlineData("12 1F1F0000 00", "counts summing to 62, above the maximum")]
    [InlineData("12 0F0F0F10 00", "counts summing to 61, above the maximum")]
    [InlineData("12 FFFFFFFF 00", "counts of 255 each")]
    [InlineData("1202000000 38", "truncated value: the second event missing")]
    [InlineData("1200010000 F9", "truncated value: the first event of track 1 cut inside its escape")]
    [InlineData("1200000001 F800", "escape for a delta below 31")]
    [InlineData("1200020000 3800", "second delta 0 on track 1: positions must increase within a track")]
    [InlineData("1200000100 3F", "class 3 on track 2")]
    [InlineData("1200000001 FE0A", "position 193 beyond track 3")]
    [InlineData("1201000000 3900", "trailing zero byte")]
    [InlineData("1201000001 3838 80", "trailing byte with a bit set")]
    public void TryDecode_Layout2Malformed_Rejected(string hex, string why)
    {
        byte[] v = Convert.FromHexString(hex.Replace(" ", ""));
        Assert.True(LicenceStatus.MalformedPayload == FibreFingerprint.TryDecode(v, 0, v.Length, out var f), why);
        Assert.Null(f);
    }

    [Fact]
    public void AddOnTrack_TrackDecreasingOrBeyondTheLayout_Refused()
    {
        // The field cannot say "back to an earlier track" (the counts give each track's events in track order),
        // so the builder refuses it too.
        var f = new FibreFingerprint(FibreFingerprint.Layout2);
        Assert.True(f.AddOnTrack(2, 100, 0, 1));
        Assert.False(f.AddOnTrack(1, 120, 0, 1));
        Assert.False(f.AddOnTrack(2, 100, 0, 1));
        Assert.False(f.AddOnTrack(4, 10, 0, 1));
        Assert.False(f.AddOnTrack(-1, 10, 0, 1));
        Assert.True(f.AddOnTrack(3, 5, 0, 1));
        Assert.Equal(2, f.Count);
        var layout1 = new FibreFingerprint(FibreFingerprint.Layout1);
        Assert.False(layout1.AddOnTrack(1, 10, 0, 1));
        Assert.Equal(0, layout1.Count);
    }

    [Theory]
    [InlineData(FibreFingerprint.Layout1, 1)]
    [InlineData(FibreFingerprint.Layout2, 4)]
    [InlineData(3, 0)]
    [InlineData(0, 0)]
    public void TrackCountOf_Layout_TracksOrZero(int layout, int tracks)
    {
        Assert.Equal(tracks, FibreFingerprint.TrackCountOf(layout));
        Assert.Equal(tracks == 0 ? 0 : FibreFingerprint.Layout1LengthUnits, FibreFingerprint.LengthUnitsOf(layout));
    }

    [Fact]
    public void LicenceCodec_WithLayout2Fingerprint_RoundTripsAsField0x0C()
    {
        var licence = LicenceFixtures.Sample();
        licence.Fibres = Layout2Sample();
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(licence, out var payload));
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryDecode(payload, 0, payload.Length, out var back));
        Assert.Equal(FibreFingerprint.Layout2, back.Fibres.Layout);
        Assert.Equal(Layout2Sample().Encode(), back.Fibres.Encode());
    }

    [Fact]
    public void Add_OutOfOrderOrBeyondTrack_Refused()
    {
        var f = new FibreFingerprint(FibreFingerprint.Layout1);
        Assert.True(f.Add(10, 0, 1));
        Assert.False(f.Add(10, 0, 1));
        Assert.False(f.Add(193, 0, 1));
        Assert.False(f.Add(20, 2, 1));
        Assert.False(f.Add(20, 0, 3));
        Assert.Equal(1, f.Count);
    }

    [Fact]
    public void LicenceCodec_WithFingerprint_RoundTripsAsField0x0C()
    {
        var licence = LicenceFixtures.Sample();
        licence.Fibres = Sample();
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(licence, out var payload));
        int at = Array.IndexOf(payload, LicenceCodec.TagFibreFingerprint);
        Assert.True(at > 0);
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryDecode(payload, 0, payload.Length, out var back));
        Assert.NotNull(back.Fibres);
        Assert.Equal(192, back.Fibres.PositionAt(3));
    }

    [Fact]
    public void LicenceCodec_WithoutFingerprint_HasNoField0x0C()
    {
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(LicenceFixtures.Sample(), out var payload));
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryDecode(payload, 0, payload.Length, out var back));
        Assert.Null(back.Fibres);
    }

    [Fact]
    public void LicenceCodec_FingerprintOfUnknownLayout_FailsClosed()
    {
        var licence = LicenceFixtures.Sample();
        licence.Fibres = Sample();
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(licence, out var payload));
        int at = payload.Length - 10;     // the last field: tag, length 8, value
        Assert.Equal(LicenceCodec.TagFibreFingerprint, payload[at]);
        payload[at + 2] = 0x13;   // layout 3, which this verifier does not know
        Assert.Equal(LicenceStatus.UnknownCriticalField, LicenceCodec.TryDecode(payload, 0, payload.Length, out _));
    }
}
