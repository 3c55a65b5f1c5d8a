using System.Text;
using Handheld.Core.Licensing;
using Handheld.Core.Tests.Protocol;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Licensing;

/// <summary>Issue 15 item 3: one canonical form for revocation look-up (docs/licence-format.md §2.4).</summary>
public class LicenceNumberKeyTests
{
    private const string Canonical = "（鲁）JZ安许证字[2023]087974";

    private static string Key(string s)
    {
        var b = Encoding.UTF8.GetBytes(s);
        return Encoding.UTF8.GetString(LicenceNumberKey.Canonical(b, 0, b.Length)!);
    }

    [Theory]
    [InlineData("（鲁）JZ安许证字[2023]087974")]
    [InlineData("(鲁)JZ安许证字[2023]087974")]
    [InlineData("（鲁)JZ安许证字[2023]087974")]
    [InlineData("（鲁）JZ安许证字〔2023〕087974")]
    [InlineData("（鲁）JZ安许证字［2023］087974")]
    [InlineData("（鲁）ＪＺ安许证字［２０２３］０８７９７４")]
    [InlineData("（鲁）jz安许证字[2023]087974")]
    [InlineData("（鲁）ｊｚ安许证字[2023]087974")]
    [InlineData(" （鲁） JZ 安许证字 [2023] 087974 ")]
    [InlineData("（鲁）\u3000JZ安许证字[2023]\t087974")]
    public void Canonical_PrintedVariant_SameKey(string printed)
    {
        Assert.Equal(Canonical, Key(printed));
    }

    [Theory]
    [InlineData("（鲁）JZ安许证字[2023]087975")]
    [InlineData("（苏）JZ安许证字[2023]087974")]
    [InlineData("（鲁）JZ安许证字[2023]087974-1")]
    public void Canonical_DifferentLicence_DifferentKey(string other)
    {
        Assert.NotEqual(Canonical, Key(other));
    }

    [Fact]
    public void Canonical_CanonicalPrintedForm_Unchanged()
    {
        Assert.Equal(LicenceNumber.Canonical("鲁", "JZ", 2023, "087974"), Key(LicenceNumber.Canonical("鲁", "JZ", 2023, "087974")));
    }

    [Fact]
    public void Canonicalize_OutputTooSmall_MinusOne()
    {
        var b = Encoding.UTF8.GetBytes("(鲁)");
        Assert.Equal(-1, LicenceNumberKey.Canonicalize(b, 0, b.Length, new byte[2]));
    }

    /// <summary>A list built from one printed form revokes a licence printed another way.</summary>
    [Theory]
    [InlineData("(鲁)JZ安许证字〔2023〕087974", "（鲁）JZ安许证字[2023]087974")]
    [InlineData("（鲁）JZ安许证字[2023]087974", "(鲁)JZ安许证字［２０２３］087974")]
    public void IsRevoked_OtherPrintedForm_Hit(string revokedAs, string printedOnLicence)
    {
        var key = TestLists.Key(3);
        var entry = Encoding.UTF8.GetBytes(revokedAs);
        var canonical = LicenceNumberKey.Canonical(entry, 0, entry.Length)!;
        long fp = RevocationList.Fingerprint(new TestHash(), canonical, 0, canonical.Length, new byte[32]);
        var bytes = TestLists.Sign(key, RevocationList.EncodeUnsigned(1, 1_700_000_000, 86400, TestLists.KeyId(key), [fp]));
        var s = new ArrayBlockStorage(bytes);
        Assert.Equal(0, RevocationListHeader.Read(s, 0, bytes.Length, out var h));
        var index = new RevocationIndex(new TestHash());
        index.Attach(s, 0, h, null!, null!);
        var printed = Encoding.UTF8.GetBytes(printedOnLicence);
        Assert.True(index.IsRevoked(printed, 0, printed.Length, out _));
    }
}
