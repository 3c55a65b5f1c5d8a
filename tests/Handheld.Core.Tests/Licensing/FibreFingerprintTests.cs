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
    [InlineData("1201 38", "layout 2")]
    [InlineData("2101 38", "encoding 2")]
    public void TryDecode_UnknownEncodingOrLayout_UnknownCriticalField(string hex, string why)
    {
        byte[] v = Convert.FromHexString(hex.Replace(" ", ""));
        Assert.True(LicenceStatus.UnknownCriticalField == FibreFingerprint.TryDecode(v, 0, v.Length, out _), why);
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
        payload[at + 2] = 0x12;   // layout 2, which this verifier does not know
        Assert.Equal(LicenceStatus.UnknownCriticalField, LicenceCodec.TryDecode(payload, 0, payload.Length, out _));
    }
}
