using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Handheld.Core.Trust;
using Handheld.Sdk.Lists;

namespace Handheld.Sdk.Tests.Lists;

/// <summary>Issue 15 items 3 and 8: `revocations build` enters canonical numbers and names lines that do not
/// parse; `trust build` accepts only keys Core's own engine can use.</summary>
public class ListToolsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hh-listtools-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static byte[] IssuerSpki() => ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfo();

    [Fact]
    public void BuildRevocationList_VariantPrintedForm_SameListAsCanonical()
    {
        var spki = IssuerSpki();
        var a = ListTools.BuildRevocationList(["(鲁)JZ安许证字〔2023〕087974"], 1, 1_700_000_000, 7, spki);
        var b = ListTools.BuildRevocationList(["（鲁）JZ安许证字[2023]087974"], 1, 1_700_000_000, 7, spki);
        Assert.Equal(b, a);
    }

    [Fact]
    public void UnparsedLicenceNumbers_TypoAndVariant_OnlyTypoNamedWithLine()
    {
        var bad = ListTools.UnparsedLicenceNumbers(["(鲁)JZ安许证字〔2023〕087974", "", "鲁JZ2023087974", " （苏）AQ安许证字［２０２２］０００１２ "]);
        Assert.Equal([(3, "鲁JZ2023087974")], bad);
    }

    [Fact]
    public void ReadPublicKey_RsaExponentNotBelowModulus_RefusedLikeTheDevice()
    {
        using var rsa = RSA.Create(2048);
        var n = rsa.ExportParameters(false).Modulus!;
        var key = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (key.PushSequence()) { key.WriteIntegerUnsigned(n); key.WriteIntegerUnsigned(n); }
        var w = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence()) { w.WriteObjectIdentifier("1.2.840.113549.1.1.1"); w.WriteNull(); }
            w.WriteBitString(key.Encode());
        }
        string path = Path.Combine(_dir, "e-equals-n.der");
        File.WriteAllBytes(path, w.Encode());
        Assert.Throws<InvalidDataException>(() => ListTools.ReadPublicKey(path));
    }
}
