using Handheld.Core.Licensing;

namespace Handheld.Core.Tests.Licensing;

public class LicenceCodecTests
{
    private static Licence RoundTrip(Licence l)
    {
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(l, out var payload));
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryDecode(payload, 0, payload.Length, out var back));
        return back;
    }

    [Theory]
    [InlineData("（鲁）JZ安许证字[2023]087974")] // compact form
    [InlineData("(鲁)JZ安许证字[2023]087974")] // ASCII parentheses: stored as text
    [InlineData("（鲁）JZ安许证字〔2023〕087974")] // other brackets: stored as text
    [InlineData("（兵）JZ安许证字[2022]000001")] // province not in the code table
    [InlineData("（鲁）JZ安许证字[2023]087974补1")] // suffix
    [InlineData("（京）FMWH安许证字[2019]7")]
    [InlineData("SOMETHING ELSE 123")]
    public void TryEncode_LicenceNumber_RoundTripsExactly(string number)
    {
        var l = LicenceFixtures.Sample();
        l.LicenceNumber = number;
        Assert.Equal(number, RoundTrip(l).LicenceNumber);
    }

    [Fact]
    public void TryEncode_FullLicence_RoundTripsEveryField()
    {
        var l = LicenceFixtures.Sample();
        l.Kind = LicenceKind.Reissue;
        l.ReissueSequence = 2;
        l.IssueDay = l.ValidFromDay + 3;
        var back = RoundTrip(l);
        Assert.Equal(l.LicenceNumber, back.LicenceNumber);
        Assert.Equal(l.EnterpriseName, back.EnterpriseName);
        Assert.Equal(l.Uscc, back.Uscc);
        Assert.Equal(l.LegalRepresentative, back.LegalRepresentative);
        Assert.Equal(l.Address, back.Address);
        Assert.Equal(l.ScopeItems, back.ScopeItems);
        Assert.Equal(l.IssuingAuthority, back.IssuingAuthority);
        Assert.Equal(l.IssueDay, back.IssueDay);
        Assert.Equal(l.ValidFromDay, back.ValidFromDay);
        Assert.Equal(l.ValidUntilDay, back.ValidUntilDay);
        Assert.Equal(LicenceKind.Reissue, back.Kind);
        Assert.Equal(2, back.ReissueSequence);
        Assert.Equal('A', back.CreditGrade);
        Assert.Equal(FibreColours.Blue | FibreColours.Green, back.Physical.ExpectedFibres);
        Assert.True(back.Physical.UvDullPaper);
        Assert.Equal("JZ087974", back.Physical.MicroText);
    }

    [Theory]
    [InlineData("91350100M000100Y43")] // packed
    [InlineData("YYYYYYYYYYYYYYYYYY")] // largest packable value
    [InlineData("00000000000000000I")] // I not in charset: raw
    public void TryEncode_Uscc_RoundTrips(string uscc)
    {
        var l = LicenceFixtures.Sample();
        l.Uscc = uscc;
        Assert.Equal(uscc, RoundTrip(l).Uscc);
    }

    [Fact]
    public void TryEncode_TemporaryLongerThan30Days_TemporaryTooLong()
    {
        var l = LicenceFixtures.Sample();
        l.Kind = LicenceKind.TemporaryEmergency;
        l.ValidUntilDay = l.ValidFromDay + 30; // 31 days inclusive
        Assert.Equal(LicenceStatus.TemporaryTooLong, LicenceCodec.TryEncode(l, out _));
        l.ValidUntilDay = l.ValidFromDay + 29;
        Assert.Equal(LicenceKind.TemporaryEmergency, RoundTrip(l).Kind);
    }

    [Fact]
    public void TryDecode_UnknownCriticalTag_Rejected_IgnorableTagSkipped()
    {
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(LicenceFixtures.Sample(), out var payload));
        var critical = payload.Concat(new byte[] { 0x0D, 1, 0x55 }).ToArray();
        Assert.Equal(LicenceStatus.UnknownCriticalField, LicenceCodec.TryDecode(critical, 0, critical.Length, out _));
        var ignorable = payload.Concat(new byte[] { 0x90, 2, 0x55, 0x66 }).ToArray();
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryDecode(ignorable, 0, ignorable.Length, out var l));
        Assert.Equal(1, l.IgnoredFieldCount);
    }

    [Fact]
    public void TryDecode_EveryTruncation_RejectedWithoutThrowing()
    {
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(LicenceFixtures.Sample(), out var payload));
        for (int n = 0; n < payload.Length; n++)
        {
            Assert.NotEqual(LicenceStatus.Valid, LicenceCodec.TryDecode(payload, 0, n, out var l));
            Assert.Null(l);
        }
    }

    [Fact]
    public void TryEncode_MissingField_Malformed()
    {
        var l = LicenceFixtures.Sample();
        l.Address = "";
        Assert.Equal(LicenceStatus.MalformedPayload, LicenceCodec.TryEncode(l, out _));
        l = LicenceFixtures.Sample();
        l.CreditGrade = 'E';
        Assert.Equal(LicenceStatus.MalformedPayload, LicenceCodec.TryEncode(l, out _));
    }
}
