using Handheld.Core.Licensing;
using Handheld.Core.Ports;
using static Handheld.Core.Tests.Licensing.LicenceFixtures;

namespace Handheld.Core.Tests.Licensing;

/// <summary>Issue 15, licence-format.md §8: each decided ambiguity, tested as decided.</summary>
public class LicenceSpecDecisionTests
{
    private static LicenceVerificationResult Verify(string text) =>
        new LicenceVerifier(Store(Key(Ec)), null).Verify(text, Now, ClockSource.AppSynced);

    private static string SignPayload(byte[] payload)
    {
        var tbs = LicenceEnvelope.BuildTbs(AlgorithmOf(Ec), Handheld.Core.Crypto.KeyIdentifier.Compute(Ec.ExportSubjectPublicKeyInfo()),
            payload.Length == 0 ? [0] : payload);
        if (payload.Length == 0)
        {
            // BuildTbs refuses an empty payload; the header's length field (bytes 10..11, big-endian) says 0.
            tbs = tbs[..LicenceEnvelope.HeaderLength];
            tbs[10] = 0;
            tbs[11] = 0;
        }
        return LicenceEnvelope.BuildText(tbs, Sign(tbs, Ec));
    }

    private static byte[] Payload(Licence l)
    {
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(l, out var p));
        return p;
    }

    // The payload as (tag, value) fields, and back (lengths ≥ 128 take the two-byte form).
    private static List<(int Tag, byte[] Value)> Fields(byte[] p)
    {
        var f = new List<(int, byte[])>();
        for (int i = 0; i < p.Length;)
        {
            int tag = p[i++];
            int len = p[i++];
            if (len >= 0x80) len = ((len & 0x7F) << 8) | p[i++];
            f.Add((tag, p.AsSpan(i, len).ToArray()));
            i += len;
        }
        return f;
    }

    private static byte[] Join(IEnumerable<(int Tag, byte[] Value)> fields)
    {
        var o = new List<byte>();
        foreach (var (tag, v) in fields.OrderBy(x => x.Tag))
        {
            o.Add((byte)tag);
            if (v.Length >= 0x80) { o.Add((byte)(0x80 | (v.Length >> 8))); o.Add((byte)v.Length); }
            else o.Add((byte)v.Length);
            o.AddRange(v);
        }
        return o.ToArray();
    }

    private static byte[] With(byte[] payload, int tag, byte[]? value)
    {
        var f = Fields(payload).Where(x => x.Tag != tag).ToList();
        if (value != null) f.Add((tag, value));
        return Join(f);
    }

    [Fact]
    public void ZeroPayloadLength_MalformedPayloadAtTheDecodeStage_EvenWhenSigned()
    {
        // Decided: an envelope declaring 0 payload bytes is MalformedPayload already when decoded (stage 1): there
        // is no payload to judge, so no key is looked up and no signature is checked.
        var r = Verify(SignPayload([]));
        Assert.Equal(LicenceStatus.MalformedPayload, r.Status);
        Assert.Equal(LicenceStatus.NotChecked, r.Signature);
    }

    [Fact]
    public void PayloadErrors_TheFirstInByteOrderWins_CrossFieldChecksAfterTheWalk()
    {
        byte[] good = Payload(Sample());
        // Unknown critical tag 0x70 after a malformed credit grade (0x0A): MalformedPayload (0x0A comes first).
        byte[] badGradeThenUnknown = With(With(good, 0x0A, "Z"u8.ToArray()), 0x70, []);
        Assert.Equal(LicenceStatus.MalformedPayload, LicenceCodec.TryDecode(badGradeThenUnknown, 0, badGradeThenUnknown.Length, out _));
        // Unknown critical tag with the dates in the wrong order (checked after the walk): UnknownCriticalField.
        byte[] dates = [0, 10, 0, 10, 0, 5]; // issue 10, from 10, until 5
        byte[] unknownThenDates = With(With(good, 0x08, dates), 0x70, []);
        Assert.Equal(LicenceStatus.UnknownCriticalField, LicenceCodec.TryDecode(unknownThenDates, 0, unknownThenDates.Length, out _));
        byte[] onlyDates = With(good, 0x08, dates);
        Assert.Equal(LicenceStatus.MalformedPayload, LicenceCodec.TryDecode(onlyDates, 0, onlyDates.Length, out _));
    }

    [Fact]
    public void NonCanonicalEncodings_Accepted_SameLicence()
    {
        var sample = Sample();
        byte[] good = Payload(sample);
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryDecode(good, 0, good.Length, out var canonical));
        int from = sample.ValidFromDay, until = sample.ValidUntilDay;
        var variants = new[]
        {
            With(good, 0x08, [(byte)(from >> 8), (byte)from, (byte)(from >> 8), (byte)from, (byte)(until >> 8), (byte)until]), // 6-byte dates
            With(good, 0x03, System.Text.Encoding.ASCII.GetBytes(sample.Uscc)), // USCC unpacked though it packs
            With(good, 0x09, [0]), // explicit kind 0 (regular)
            With(good, 0x01, System.Text.Encoding.UTF8.GetBytes(Number)), // licence number as text though it compacts
        };
        foreach (var v in variants)
        {
            Assert.NotEqual(good, v);
            Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryDecode(v, 0, v.Length, out var l));
            Assert.Equal(canonical!.LicenceNumber, l!.LicenceNumber);
            Assert.Equal(canonical.Uscc, l.Uscc);
            Assert.Equal((canonical.IssueDay, canonical.ValidFromDay, canonical.ValidUntilDay, canonical.Kind), (l.IssueDay, l.ValidFromDay, l.ValidUntilDay, l.Kind));
            Assert.Equal(LicenceStatus.Valid, Verify(SignPayload(v)).Status);
        }
        // A two-byte length below 128 is not canonical and is refused (§1.4): unlike the field choices above,
        // it has one meaning only and no encoder writes it.
        var f = Fields(good);
        var o = new List<byte>();
        foreach (var (tag, val) in f) { o.Add((byte)tag); o.Add(0x80); o.Add((byte)val.Length); o.AddRange(val); }
        Assert.Equal(LicenceStatus.MalformedPayload, LicenceCodec.TryDecode(o.ToArray(), 0, o.Count, out _));
    }

    [Theory]
    [InlineData("台", 0)]
    [InlineData("港", 0)]
    [InlineData("澳", 0)]
    [InlineData("兵", 0)]
    [InlineData("鲁", 37)]
    public void ProvincesOutsideTheTable_ParseWithCodeZero_KeysMatchTheAbbreviationText(string province, int code)
    {
        string number = "（" + province + "）JZ安许证字[2023]000001";
        Assert.True(LicenceNumber.TryParse(number, out var n));
        Assert.Equal(code, n!.ProvinceCode);
        var l = Sample();
        l.LicenceNumber = number;
        var text = Issue(l, Ec);
        Assert.Equal(LicenceStatus.Valid, new LicenceVerifier(Store(Key(Ec, provinces: [province])), null).Verify(text, Now, ClockSource.AppSynced).Status);
        Assert.Equal(province == "鲁" ? LicenceStatus.Valid : LicenceStatus.KeyNotAuthorisedForProvince,
            new LicenceVerifier(Store(Key(Ec, provinces: ["鲁"])), null).Verify(text, Now, ClockSource.AppSynced).Status);
    }

    [Theory]
    [InlineData("（鲁)JZ安许证字[2023]087974")]
    [InlineData("(鲁）JZ安许证字[2023]087974")]
    [InlineData("（鲁）JZ安许证字[2023】087974")]
    [InlineData("（鲁）JZ安许证字〔2023]087974")]
    [InlineData("（鲁）JZABC安许证字[2023]087974")]   // sector of 5 capitals
    [InlineData("（鲁）安许证字[2023]087974")]        // no sector
    [InlineData("（鲁）JZ安许证字[2023]12345678901")] // serial of 11 digits
    public void MixedBracketsAndOutOfBoundParts_NotTheShape(string number)
    {
        Assert.False(LicenceNumber.TryParse(number, out _));
        // Unparsed: valid under an unrestricted key with the warning, refused (fail closed) under a restricted one.
        var l = Sample();
        l.LicenceNumber = number;
        var text = Issue(l, Ec);
        var r = Verify(text);
        Assert.Equal(LicenceStatus.Valid, r.Status);
        Assert.True(r.HasWarning(LicenceStatus.LicenceNumberUnparsed));
        Assert.Equal(LicenceStatus.KeyNotAuthorisedForProvince,
            new LicenceVerifier(Store(Key(Ec, provinces: ["鲁"])), null).Verify(text, Now, ClockSource.AppSynced).Status);
    }

    [Theory]
    [InlineData("JZ", "1")]
    [InlineData("ABCD", "1234567890")]
    public void SectorAndSerialBounds_Inclusive(string sector, string serial)
    {
        Assert.True(LicenceNumber.TryParse("（鲁）" + sector + "安许证字[2023]" + serial, out var n));
        Assert.Equal(sector, n!.Sector);
        Assert.Equal(serial, n.Serial);
    }

    [Fact]
    public void ReissueSuffix_NotComparedWithField09_TheSignedKindDecides()
    {
        foreach (var number in new[] { Number, Number + "-补1", Number + "(补2)" })
        {
            var l = Sample();
            l.LicenceNumber = number;
            l.Kind = LicenceKind.Reissue;
            l.ReissueSequence = 3;
            var r = Verify(Issue(l, Ec));
            Assert.Equal(LicenceStatus.Valid, r.Status);
            Assert.Equal(LicenceKind.Reissue, r.Licence.Kind);
            Assert.Equal(3, r.Licence.ReissueSequence);
            Assert.Equal(number, r.Licence.LicenceNumber); // the revocation key is the printed number, suffix included
        }
    }

    [Fact]
    public void UsccCheck_AsGb32100_WeightsThreeToTheIModulo31()
    {
        // An independent implementation of GB 32100-2015 §5: weight of position i (0-based) = 3^i mod 31,
        // check value = 31 − (Σ value·weight mod 31), 31 written as 0.
        const string cs = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var rng = new Random(15);
        for (int k = 0; k < 500; k++)
        {
            var body = new string(Enumerable.Range(0, 17).Select(_ => cs[rng.Next(31)]).ToArray());
            int sum = 0, w = 1;
            for (int i = 0; i < 17; i++) { sum += cs.IndexOf(body[i]) * w; w = w * 3 % 31; }
            int c = 31 - sum % 31;
            Assert.Equal(cs[c == 31 ? 0 : c], Uscc.ComputeCheckCharacter(body));
        }
        Assert.Equal('H', Uscc.ComputeCheckCharacter("91370102MA3C4XY81")); // docs/examples/licence.json
    }
}
