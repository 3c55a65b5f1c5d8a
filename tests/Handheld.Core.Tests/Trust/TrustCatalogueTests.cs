using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Protocol;
using Handheld.Core.Tests.Protocol;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Trust;

/// <summary>Trust list format 2 (docs/ble-protocol.md §6.1.1): the catalogue after the entries, its framing, and the
/// FS block read into the spectrum check's templates by the Device ring.</summary>
public class TrustCatalogueTests
{
    private static readonly ECDsa Root = TestLists.Key(1);
    private static readonly ECDsa Issuer = TestLists.Key(30);
    private static readonly int[] Blue = [40, 420, 380, 120, 30, 6, 4];
    private static readonly int[] Green = [2, 8, 60, 520, 330, 60, 20];

    private static byte[] FsBlock(params (int Colour, int[] Shares)[] colours)
    {
        var d = new DeclaredSpectra();
        foreach (var (c, s) in colours) Assert.True(d.Set(c, s));
        var b = new byte[d.EncodedLength];
        Assert.Equal(b.Length, d.Write(b, 0));
        return b;
    }

    private static byte[] Catalogue(params byte[][] blocks)
    {
        byte[] c = [];
        foreach (var b in blocks) c = TrustCatalogue.Append(c, b, 0, b.Length)!;
        return c;
    }

    private static TrustList List(uint version, byte[]? catalogue) => new()
    {
        Version = version, IssuedAtUnix = 1_700_000_000, LifetimeSeconds = 90 * 86400, Catalogue = catalogue,
        Entries =
        [
            new TrustListEntry
            {
                KeyId = TestLists.KeyId(Issuer), Algorithm = SignatureAlgorithm.EcdsaP256Sha256, Usage = TrustListEntry.UsageLicences,
                ValidFromUnix = 1_600_000_000, ValidUntilUnix = 2_000_000_000, Name = "issuer", Provinces = [], Sectors = [],
                SubjectPublicKeyInfo = Issuer.ExportSubjectPublicKeyInfo(),
            },
        ],
    };

    private static byte Parse(byte[] signed, out TrustList list)
    {
        byte r = TrustListCodec.Parse(signed, 0, signed.Length, out list);
        if (r != ErrorCode.None) return r;
        return TrustListCodec.Verify(signed, 0, list, SignatureAlgorithm.EcdsaP256Sha256, new TestEngine().PrepareKey(
            SignatureAlgorithm.EcdsaP256Sha256, Root.ExportSubjectPublicKeyInfo())!, new TestEngine(), new TestHash());
    }

    // Unsigned bytes of a format-2 list whose catalogue section (length prefix and blocks) is replaced by raw bytes.
    private static byte[] WithRawCatalogue(byte[] section)
    {
        var tbs = TrustListCodec.EncodeUnsigned(List(1, []))!;
        // An empty catalogue is the last two bytes (length 0).
        Assert.Equal(0, tbs[^1] | tbs[^2]);
        return TestLists.Sign(Root, [.. tbs.AsSpan(0, tbs.Length - 2), .. section]);
    }

    private static byte[] U16(int v) => [(byte)v, (byte)(v >> 8)];

    [Fact]
    public void Format2_RoundTrip_CatalogueSignedAndSpectraDeclared()
    {
        var catalogue = Catalogue(FsBlock((FibreColours.Blue, Blue), (FibreColours.Green, Green)));
        var signed = TestLists.Sign(Root, TrustListCodec.EncodeUnsigned(List(3, catalogue))!);
        Assert.Equal(ListFormat.TrustFormatWithCatalogue, signed[4]);
        Assert.Equal(ErrorCode.None, Parse(signed, out var list));
        Assert.Equal(2, list.Format);
        Assert.Equal(catalogue, list.Catalogue);
        // Re-encoding the parsed list gives the signed bytes back.
        Assert.Equal(signed.AsSpan(0, list.SignedLength).ToArray(), TrustListCodec.EncodeUnsigned(list));

        var declared = new DeclaredSpectra();
        Assert.True(PaperCatalogue.LoadSpectra(list, declared));
        Assert.Equal(FibreColours.Blue | FibreColours.Green, declared.Declared);
        for (int c = 0; c < DeclaredSpectra.Channels; c++)
        {
            Assert.Equal(Blue[c], declared.At(FibreColours.Blue, c));
            Assert.Equal(Green[c], declared.At(FibreColours.Green, c));
        }
    }

    [Fact]
    public void Format2_CatalogueIsSigned_AlteredShareFailsTheSignature()
    {
        var signed = TestLists.Sign(Root, TrustListCodec.EncodeUnsigned(List(3, Catalogue(FsBlock((FibreColours.Blue, Blue)))))!);
        Assert.Equal(ErrorCode.None, Parse(signed, out var list));
        int share = list.SignedLength - DeclaredSpectra.EntryBytes + 1; // F1 of the only entry
        signed[share] ^= 0x01;
        Assert.Equal(ErrorCode.BadSignature, Parse(signed, out _));
    }

    [Fact]
    public void Format2_UnknownTagsSkipped_FsBlockStillRead()
    {
        byte[] future = [(byte)'Z', (byte)'Q', 7, 1, 2, 3, 4, 5];
        byte[] minimal = [(byte)'X', (byte)'X', 1];
        var signed = TestLists.Sign(Root, TrustListCodec.EncodeUnsigned(List(1, Catalogue(future, FsBlock((FibreColours.Green, Green)), minimal)))!);
        Assert.Equal(ErrorCode.None, Parse(signed, out var list));
        var declared = new DeclaredSpectra();
        Assert.True(PaperCatalogue.LoadSpectra(list, declared));
        Assert.Equal(FibreColours.Green, declared.Declared);
        Assert.Equal(520, declared.At(FibreColours.Green, 3));
    }

    [Fact]
    public void Format2_OnlyUnknownTagsOrEmpty_NothingDeclared()
    {
        foreach (var catalogue in new[] { Catalogue([(byte)'Z', (byte)'Q', 1, 9]), Catalogue() })
        {
            var signed = TestLists.Sign(Root, TrustListCodec.EncodeUnsigned(List(1, catalogue))!);
            Assert.Equal(ErrorCode.None, Parse(signed, out var list));
            var declared = new DeclaredSpectra();
            Assert.True(declared.Set(FibreColours.Blue, Blue)); // what an earlier list declared is dropped
            Assert.False(PaperCatalogue.LoadSpectra(list, declared));
            Assert.Equal(0, declared.Declared);
        }
    }

    public static TheoryData<string, int, int> FsDefects => new()
    {
        // name, byte offset in the FS block, value written there
        { "version 2", 2, 2 },
        { "count 0", 3, 0 },
        { "count beyond the entries", 3, 2 },
        { "colour 3 (two bits)", 4, 3 },
        { "share above 1000", 6, 0xFF },
        { "sum 1000 - 40", 5, 0 },
    };

    /// <summary>A defective FS block is the reader's business, not the list's: the list is accepted (its keys still
    /// serve) and nothing is declared, so the AS7341's physical finding fails closed (SpectraNotDeclared).</summary>
    [Theory]
    [MemberData(nameof(FsDefects))]
    public void Format2_DefectiveFsBlock_ListAcceptedNothingDeclared(string name, int at, int value)
    {
        var fs = FsBlock((FibreColours.Blue, Blue));
        fs[at] = (byte)value;
        var signed = TestLists.Sign(Root, TrustListCodec.EncodeUnsigned(List(1, Catalogue(fs)))!);
        Assert.Equal(ErrorCode.None, Parse(signed, out var list));
        var declared = new DeclaredSpectra();
        Assert.True(declared.Set(FibreColours.Green, Green));
        Assert.False(PaperCatalogue.LoadSpectra(list, declared), name);
        Assert.Equal(0, declared.Declared);
    }

    // Each section's catalogue length covers exactly its blocks (but the first), so the rest of the list parses: only
    // the framing inside the catalogue is wrong.
    public static TheoryData<string, byte[]> BadFraming => new()
    {
        { "catalogue length beyond the list", [.. U16(200), .. U16(3), (byte)'Z', (byte)'Q', 1] },
        { "block length beyond the catalogue", [.. U16(5), .. U16(4), (byte)'Z', (byte)'Q', 1] },
        { "block shorter than tag and version", [.. U16(4), .. U16(2), (byte)'Z', (byte)'Q'] },
        { "a byte after the last block", [.. U16(6), .. U16(3), (byte)'Z', (byte)'Q', 1, 0] },
        { "the same tag twice", [.. U16(10), .. U16(3), (byte)'Z', (byte)'Q', 1, .. U16(3), (byte)'Z', (byte)'Q', 2] },
        { "FS twice", [.. U16(10), .. U16(3), (byte)'F', (byte)'S', 1, .. U16(3), (byte)'F', (byte)'S', 1] },
    };

    /// <summary>Framing is the list's: lengths that do not add up refuse the whole list (BadList), so nothing of
    /// it is installed — unlike a defective block, which only declares nothing.</summary>
    [Theory]
    [MemberData(nameof(BadFraming))]
    public void Format2_BadFraming_WholeListRefused(string name, byte[] section)
    {
        Assert.True(ErrorCode.BadList == Parse(WithRawCatalogue(section), out _), name);
    }

    /// <summary>The control of the framing cases: the same construction, well framed, is accepted.</summary>
    [Fact]
    public void Format2_RawWellFramedSection_Accepted()
    {
        Assert.Equal(ErrorCode.None, Parse(WithRawCatalogue([.. U16(10), .. U16(3), (byte)'Z', (byte)'Q', 1, .. U16(3), (byte)'Z', (byte)'R', 1]), out var list));
        Assert.Equal(10, list.Catalogue.Length);
    }

    [Fact]
    public void Encode_CatalogueNotWellFormed_Refused()
    {
        Assert.Null(TrustListCodec.EncodeUnsigned(List(1, [.. U16(9), (byte)'Z', (byte)'Q', 1])));
    }

    [Fact]
    public void Format1_StillAccepted_NoCatalogueNothingDeclared()
    {
        var signed = TestLists.TrustList(Root, 2, Issuer);
        Assert.Equal(ListFormat.FormatVersion, signed[4]);
        Assert.Equal(ErrorCode.None, Parse(signed, out var list));
        Assert.Equal(1, list.Format);
        Assert.Null(list.Catalogue);
        var declared = new DeclaredSpectra();
        Assert.True(declared.Set(FibreColours.Blue, Blue));
        Assert.False(PaperCatalogue.LoadSpectra(list, declared));
        Assert.Equal(0, declared.Declared);
    }

    [Fact]
    public void Format3_Refused()
    {
        var tbs = TrustListCodec.EncodeUnsigned(List(1, Catalogue()))!;
        tbs[4] = 3;
        Assert.Equal(ErrorCode.BadList, Parse(TestLists.Sign(Root, tbs), out _));
    }

    /// <summary>The pushed list keeps its catalogue on the device: applied through ListBegin/Chunk/Commit and read
    /// again at the next start-up from the A/B slots.</summary>
    [Fact]
    public void Pushed_Format2_CatalogueInForceAndAfterRestart()
    {
        var f = new HandlerFixture();
        var signed = TestLists.Sign(f.Root, TrustListCodec.EncodeUnsigned(List(4, Catalogue(FsBlock((FibreColours.Blue, Blue)))))!);
        Assert.Equal(ErrorCode.None, f.Lists.Begin(ListFormat.KindTrust, signed.Length, SHA256.HashData(signed), 0, out _));
        Assert.Equal(ErrorCode.None, f.Lists.Chunk(ListFormat.KindTrust, 0, signed, 0, signed.Length, out _));
        Assert.Equal(ErrorCode.None, f.Lists.Commit(ListFormat.KindTrust, false, 0, out _));
        var declared = new DeclaredSpectra();
        Assert.True(PaperCatalogue.LoadSpectra(f.Lists.TrustList, declared));

        var restarted = new ListUpdater(new SignedListStore(f.TrustFlash, new TestHash()), new SignedListStore(f.RevocationFlash, new TestHash()),
            new TestEngine(), new TestHash(), SignatureAlgorithm.EcdsaP256Sha256, f.Root.ExportSubjectPublicKeyInfo());
        Assert.Equal(4u, restarted.TrustListVersion);
        var again = new DeclaredSpectra();
        Assert.True(PaperCatalogue.LoadSpectra(restarted.TrustList, again));
        Assert.Equal(Blue[1], again.At(FibreColours.Blue, 1));
    }
}
