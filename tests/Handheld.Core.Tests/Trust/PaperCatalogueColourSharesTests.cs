using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Protocol;
using Handheld.Core.Tests.Protocol;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Trust;

/// <summary>The catalogue's FT block (docs/ble-protocol.md §6.1.1) read into the TCS34725 colour signature's
/// <see cref="DeclaredColourShares"/> by <see cref="PaperCatalogue"/>, alone and beside the FS block; same fail-closed
/// rules as FS: absent, defective or of an unknown version → nothing declared, the list itself still accepted.</summary>
public class PaperCatalogueColourSharesTests
{
    private static readonly ECDsa Root = TestLists.Key(1);
    private static readonly ECDsa Issuer = TestLists.Key(31);
    // R, G, B permille (the simulator paper's blue and green fibres).
    private static readonly int[] Blue = [0, 194, 806];
    private static readonly int[] Green = [27, 637, 336];
    private static readonly int[] BlueSpectrum = [40, 420, 380, 120, 30, 6, 4];

    private static byte[] FtBlock(params (int Colour, int[] Shares)[] colours)
    {
        var d = new DeclaredColourShares();
        foreach (var (c, s) in colours) Assert.True(d.Set(c, s[0], s[1], s[2]));
        var b = new byte[d.EncodedLength];
        Assert.Equal(b.Length, d.Write(b, 0));
        return b;
    }

    private static byte[] FsBlock()
    {
        var d = new DeclaredSpectra();
        Assert.True(d.Set(FibreColours.Blue, BlueSpectrum));
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

    /// <summary>The list as a device holds it after install: signed by the root, parsed and verified.</summary>
    private static TrustList Installed(byte[]? catalogue)
    {
        var unsigned = new TrustList
        {
            Version = 1, IssuedAtUnix = 1_700_000_000, LifetimeSeconds = 90 * 86400, Catalogue = catalogue,
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
        var signed = TestLists.Sign(Root, TrustListCodec.EncodeUnsigned(unsigned)!);
        Assert.Equal(ErrorCode.None, TrustListCodec.Parse(signed, 0, signed.Length, out var list));
        Assert.Equal(ErrorCode.None, TrustListCodec.Verify(signed, 0, list, SignatureAlgorithm.EcdsaP256Sha256,
            new TestEngine().PrepareKey(SignatureAlgorithm.EcdsaP256Sha256, Root.ExportSubjectPublicKeyInfo())!, new TestEngine(), new TestHash()));
        return list;
    }

    private static DeclaredColourShares Stale()
    {
        var d = new DeclaredColourShares();
        Assert.True(d.Set(FibreColours.Red, 926, 73, 1)); // what an earlier list declared is dropped
        return d;
    }

    [Fact]
    public void FtAndFs_BothRead_EachIntoItsOwnDeclarations()
    {
        var list = Installed(Catalogue(FsBlock(), FtBlock((FibreColours.Blue, Blue), (FibreColours.Green, Green))));
        var shares = Stale();
        Assert.True(PaperCatalogue.LoadColourShares(list, shares));
        Assert.Equal(FibreColours.Blue | FibreColours.Green, shares.Declared);
        for (int c = 0; c < DeclaredColourShares.Channels; c++)
        {
            Assert.Equal(Blue[c], shares.At(FibreColours.Blue, c));
            Assert.Equal(Green[c], shares.At(FibreColours.Green, c));
        }
        var spectra = new DeclaredSpectra();
        Assert.True(PaperCatalogue.LoadSpectra(list, spectra));
        Assert.Equal(FibreColours.Blue, spectra.Declared);
        Assert.Equal(BlueSpectrum[1], spectra.At(FibreColours.Blue, 1));
    }

    [Fact]
    public void FtBeforeFsAndUnknownTags_StillRead()
    {
        byte[] future = [(byte)'Z', (byte)'Q', 7, 1, 2, 3];
        var list = Installed(Catalogue(future, FtBlock((FibreColours.Green, Green)), FsBlock(), [(byte)'F', (byte)'U', 1]));
        var shares = new DeclaredColourShares();
        Assert.True(PaperCatalogue.LoadColourShares(list, shares));
        Assert.Equal(FibreColours.Green, shares.Declared);
        Assert.Equal(Green[1], shares.At(FibreColours.Green, DeclaredColourShares.Green));
        Assert.True(PaperCatalogue.LoadSpectra(list, new DeclaredSpectra()));
    }

    [Fact]
    public void NoFtBlock_FormatOneOrNoList_NothingDeclared()
    {
        foreach (var list in new[] { Installed(Catalogue(FsBlock())), Installed(Catalogue()), Installed(null), null })
        {
            var shares = Stale();
            Assert.False(PaperCatalogue.LoadColourShares(list!, shares));
            Assert.Equal(0, shares.Declared);
        }
    }

    [Fact]
    public void FtOnly_SpectraNotDeclared()
    {
        var list = Installed(Catalogue(FtBlock((FibreColours.Blue, Blue))));
        var spectra = new DeclaredSpectra();
        Assert.True(spectra.Set(FibreColours.Blue, BlueSpectrum));
        Assert.False(PaperCatalogue.LoadSpectra(list, spectra));
        Assert.Equal(0, spectra.Declared);
        Assert.True(PaperCatalogue.LoadColourShares(list, new DeclaredColourShares()));
    }

    public static TheoryData<string, int, int> FtDefects => new()
    {
        // name, byte offset in the FT block (one green entry), value written there
        { "version 2", 2, 2 },
        { "count 0", 3, 0 },
        { "count beyond the entries", 3, 2 },
        { "colour 3 (two bits)", 4, 3 },
        { "colour 8 (not a fibre colour)", 4, 8 },
        { "share above 1000", 6, 0xFF },
        { "sum 1000 - 125", 7, 0 },
    };

    /// <summary>A defective FT block is the reader's business, not the list's: the list is accepted, an intact FS
    /// block beside it still declares, and the TCS34725's physical finding fails closed (ColourSharesNotDeclared).</summary>
    [Theory]
    [MemberData(nameof(FtDefects))]
    public void DefectiveFtBlock_ListAcceptedNothingDeclared(string name, int at, int value)
    {
        var ft = FtBlock((FibreColours.Green, Green));
        ft[at] = (byte)value;
        var list = Installed(Catalogue(FsBlock(), ft));
        var shares = Stale();
        Assert.False(PaperCatalogue.LoadColourShares(list, shares), name);
        Assert.Equal(0, shares.Declared);
        Assert.True(PaperCatalogue.LoadSpectra(list, new DeclaredSpectra()), name);
    }
}
