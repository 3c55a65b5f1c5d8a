using System.Text;
using Handheld.Core.Crypto;
using Handheld.Core.Licensing;
using Handheld.Core.Tests.Licensing;
using Handheld.Core.Tests.Protocol;

namespace Handheld.Core.Tests.DeviceText;

/// <summary>
/// Texts with a supplementary character (𠀀 U+20000), a NUL, lone surrogates (their 3-byte WTF-8 forms, which
/// a forger can put in a signed payload) and a byte-order mark in every text field and in the QR text, run
/// through the device's code paths (<see cref="DeviceTextPaths"/>) once on .NET and once as nanoCLR holds
/// strings (<see cref="DeviceRuntime"/>): each gives the same result on both, and the documented one.
/// </summary>
public class DeviceTextSuiteTests
{
    private static readonly byte[] Supplementary = [0xF0, 0xA0, 0x80, 0x80]; // 𠀀 U+20000
    private static readonly byte[] LoneHigh = [0xED, 0xA0, 0x80]; // U+D800 as WTF-8
    private static readonly byte[] LoneLow = [0xED, 0xB0, 0x80]; // U+DC00 as WTF-8
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF]; // U+FEFF

    public enum Variant { SupplementaryAtEnd, SupplementaryAtStart, NulThenJunk, LoneHighSurrogate, LoneLowSurrogate, ByteOrderMark }

    private static byte[] Apply(Variant v, byte[] text) => v switch
    {
        Variant.SupplementaryAtEnd => [.. text, .. Supplementary],
        Variant.SupplementaryAtStart => [.. Supplementary, .. text],
        Variant.NulThenJunk => [.. text, 0x00, .. "junk"u8],
        Variant.LoneHighSurrogate => [.. text, .. LoneHigh],
        Variant.LoneLowSurrogate => [.. LoneLow, .. text],
        Variant.ByteOrderMark => [.. Bom, .. text],
        _ => throw new ArgumentOutOfRangeException(nameof(v)),
    };

    public static IEnumerable<object[]> FieldCases()
    {
        byte[] tags = [LicenceCodec.TagLicenceNumber, LicenceCodec.TagEnterpriseName, LicenceCodec.TagUscc,
            LicenceCodec.TagLegalRepresentative, LicenceCodec.TagAddress, LicenceCodec.TagScope,
            LicenceCodec.TagIssuingAuthority, LicenceCodec.TagPhysicalProfile];
        foreach (var tag in tags)
        {
            foreach (var v in Enum.GetValues<Variant>())
            {
                yield return [tag, v];
            }
        }
    }

    [Theory]
    [MemberData(nameof(FieldCases))]
    public void Inspect_TextInField_SameOnBothRuntimes(byte tag, Variant variant)
    {
        var licence = LicenceFixtures.Sample();
        var payload = WithField(Encode(licence), tag, text => tag == LicenceCodec.TagUscc
            ? Apply(variant, text[..^4]) // keep 18 bytes where the variant adds 4
            : Apply(variant, text), licence);
        var (net, device) = DeviceRuntime.RunBoth(typeof(DeviceTextPaths), nameof(DeviceTextPaths.Inspect),
            Qr(payload), LicenceFixtures.Ec.ExportSubjectPublicKeyInfo(), null, LicenceFixtures.Now);
        Assert.Equal(net, device);
        bool valid = variant is Variant.SupplementaryAtEnd or Variant.SupplementaryAtStart && tag != LicenceCodec.TagUscc;
        Assert.StartsWith($"decode=Valid payload={(valid ? "Valid" : "MalformedPayload")}", (string)net!);
    }

    [Theory]
    [InlineData(true, "Revoked")]
    [InlineData(false, "Valid")]
    public void Inspect_SupplementaryLicenceNumberWithRevocationList_SameOnBothRuntimes(bool listed, string expected)
    {
        var licence = LicenceFixtures.Sample();
        licence.LicenceNumber = "（鲁）JZ安许证字[2023]087974\U00020000";
        var issuer = TestLists.Key(7);
        var list = TestLists.RevocationList(issuer, 1, listed ? [licence.LicenceNumber] : ["（鲁）JZ安许证字[2023]000001"],
            LicenceFixtures.Now - 3600);
        var (net, device) = DeviceRuntime.RunBoth(typeof(DeviceTextPaths), nameof(DeviceTextPaths.Inspect),
            Qr(Encode(licence)), LicenceFixtures.Ec.ExportSubjectPublicKeyInfo(), list, LicenceFixtures.Now);
        Assert.Equal(net, device);
        Assert.Contains($"revocation={expected} status={expected}", (string)net!);
        Assert.Contains("record=" + Convert.ToHexString(Encoding.UTF8.GetBytes(licence.LicenceNumber)), (string)net!);
    }

    public static IEnumerable<object[]> QrCases() =>
    [
        ["valid", "Valid"],
        ["valid+NUL+junk", "InvalidCharacter"],
        ["NUL inside", "InvalidCharacter"],
        ["valid+U+20000", "InvalidCharacter"],
        ["valid+lone high surrogate", "InvalidCharacter"],
        ["lone low surrogate inside", "InvalidCharacter"],
        ["NUL in prefix", "NotLicenceQr"],
        ["BOM before prefix", "NotLicenceQr"],
    ];

    [Theory]
    [MemberData(nameof(QrCases))]
    public void Inspect_TextInQr_SameOnBothRuntimes(string qrCase, string expectedDecode)
    {
        var q = Qr(Encode(LicenceFixtures.Sample()));
        byte[] qr = qrCase switch
        {
            "valid" => q,
            "valid+NUL+junk" => [.. q, 0x00, .. "JUNK"u8],
            "NUL inside" => [.. q[..40], 0x00, .. q[40..]],
            "valid+U+20000" => [.. q, .. Supplementary],
            "valid+lone high surrogate" => [.. q, .. LoneHigh],
            "lone low surrogate inside" => [.. q[..40], .. LoneLow, .. q[40..]],
            "NUL in prefix" => [.. q[..2], 0x00, .. q[2..]],
            "BOM before prefix" => [.. Bom, .. q],
            _ => throw new ArgumentOutOfRangeException(nameof(qrCase)),
        };
        var (net, device) = DeviceRuntime.RunBoth(typeof(DeviceTextPaths), nameof(DeviceTextPaths.Inspect),
            qr, LicenceFixtures.Ec.ExportSubjectPublicKeyInfo(), null, LicenceFixtures.Now);
        Assert.Equal(net, device);
        Assert.StartsWith($"decode={expectedDecode} ", (string)net!);
    }

    // Escaped: xunit's case serialisation mangles lone surrogates.
    [Theory]
    [InlineData(@"（鲁）JZ安许证字[2023]087974", "23EFBC88")]
    [InlineData(@"\uD840\uDC00", "04F0A08080")]
    [InlineData(@"a\uD800b", "0561EFBFBD62")]
    [InlineData(@"a\uDC00", "0461EFBFBD")]
    [InlineData(@"ab\u0000cd", "026162")]
    public void Str8_AnyText_NeverThrowsSameBytesOnBothRuntimes(string escaped, string expectedPrefix)
    {
        var text = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var (net, device) = DeviceRuntime.RunBoth(typeof(DeviceTextPaths), nameof(DeviceTextPaths.Str8), text);
        Assert.Equal(net, device);
        Assert.StartsWith(expectedPrefix, (string)net!);
    }

    private static byte[] Encode(Licence licence)
    {
        Assert.Equal(LicenceStatus.Valid, LicenceCodec.TryEncode(licence, out var payload));
        return payload;
    }

    private static byte[] Qr(byte[] payload)
    {
        var key = LicenceFixtures.Ec;
        var tbs = LicenceEnvelope.BuildTbs(SignatureAlgorithm.EcdsaP256Sha256, KeyIdentifier.Compute(key.ExportSubjectPublicKeyInfo()), payload);
        return Encoding.ASCII.GetBytes(LicenceEnvelope.BuildText(tbs, LicenceFixtures.Sign(tbs, key)));
    }

    // The payload with one field's text replaced by change(its UTF-8 text); a signer that emits any bytes (the
    // SDK's encoder refuses these texts, a forger's need not).
    private static byte[] WithField(byte[] payload, byte tag, Func<byte[], byte[]> change, Licence licence)
    {
        var fields = new List<(byte Tag, byte[] Value)>();
        for (int p = 0; p < payload.Length;)
        {
            byte t = payload[p++];
            int length = payload[p++];
            if (length >= 0x80) length = ((length & 0x7F) << 8) | payload[p++];
            fields.Add((t, payload[p..(p + length)]));
            p += length;
        }
        int i = fields.FindIndex(f => f.Tag == tag);
        var value = fields[i].Value;
        fields[i] = (tag, tag switch
        {
            LicenceCodec.TagLicenceNumber => change(Encoding.UTF8.GetBytes(licence.LicenceNumber)), // the text form
            LicenceCodec.TagUscc => change(Encoding.ASCII.GetBytes(licence.Uscc)),
            LicenceCodec.TagScope => Scope(change(value[1..(1 + value[0])]), value[(1 + value[0])..]),
            LicenceCodec.TagPhysicalProfile => [value[0], value[1], .. change(value[2..])],
            _ => change(value),
        });
        var output = new List<byte>();
        foreach (var (t, v) in fields)
        {
            output.Add(t);
            if (v.Length < 0x80) output.Add((byte)v.Length);
            else { output.Add((byte)(0x80 | (v.Length >> 8))); output.Add((byte)v.Length); }
            output.AddRange(v);
        }
        return output.ToArray();
    }

    private static byte[] Scope(byte[] first, byte[] rest) => [(byte)first.Length, .. first, .. rest];
}
