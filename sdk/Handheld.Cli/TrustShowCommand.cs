using System.CommandLine;
using Handheld.Cli.Conventions;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;
using Handheld.Sdk.Licensing;
using Handheld.Sdk.Lists;

namespace Handheld.Cli;

/// <summary><c>handheld trust show LIST</c>: what a trust list (signed, or the unsigned output of build) holds — its
/// keys and, for format 2, its catalogue, the fibre spectra an AS7341 device and the fibre colour shares a TCS34725
/// device would declare from it. Reading only:
/// the root signature is not checked here (<c>license verify --trust LIST --root</c> and the device check it).</summary>
public static class TrustShowCommand
{
    private static readonly (string Name, int Colour)[] Colours =
        [("blue", FibreColours.Blue), ("green", FibreColours.Green), ("red", FibreColours.Red)];

    public static Command Create()
    {
        var file = new Argument<FileInfo>("list") { Description = "trust list: signed (trust sign) or unsigned (trust build)" };
        var json = JsonOutput.Create();
        var show = new Command("show", "Show a trust list's keys, format and declared fibre spectra and colour shares.") { file, json };
        show.SetAction(pr =>
        {
            var bytes = InputFiles.ReadBytes("list", pr.GetValue(file)!.FullName);
            var (list, signed) = Parse(bytes);
            var declared = FibreSpectraFile.Of(list);
            var shares = FibreColoursFile.Of(list);
            bool defective = HasBlock(list, PaperCatalogue.SpectraTag1) && declared.Declared == 0;
            bool sharesDefective = HasBlock(list, PaperCatalogue.ColourSharesTag1) && shares.Declared == 0;
            if (defective) Console.Error.WriteLine("warning: list: the FS block is defective: AS7341 devices declare no fibre spectra from this list (never GENUINE)");
            if (sharesDefective) Console.Error.WriteLine("warning: list: the FT block is defective: TCS34725 devices declare no fibre colour shares from this list (never GENUINE)");
            if (pr.GetValue(json)) JsonOutput.Write(Json(list, signed, declared, shares));
            else Print(list, signed, declared, defective, shares, sharesDefective);
            return 0;
        });
        return show;
    }

    /// <summary>The list and whether it carries a signature trailer; the unsigned output of build is read by giving it
    /// an empty placeholder trailer.</summary>
    private static (TrustList List, bool Signed) Parse(byte[] bytes)
    {
        if (TrustListCodec.Parse(bytes, 0, bytes.Length, out var list) == ErrorCode.None) return (list, true);
        byte[] padded = [.. bytes, 0, 1, 0, 0];
        if (TrustListCodec.Parse(padded, 0, padded.Length, out list) == ErrorCode.None) return (list, false);
        throw new CliInputException("list", "not a trust list (docs/ble-protocol.md §6.1: bad magic, format, lengths or catalogue framing)");
    }

    /// <summary>True when the catalogue has a block tagged "F" <paramref name="tag1"/>, read or not.</summary>
    private static bool HasBlock(TrustList list, byte tag1) =>
        list.Catalogue != null && TrustCatalogue.Find(list.Catalogue, PaperCatalogue.Tag0, tag1, out _) >= 0;

    private static string[] Usage(byte usage) =>
        [.. (usage & TrustListEntry.UsageLicences) != 0 ? new[] { "licences" } : [], .. (usage & TrustListEntry.UsageRevocations) != 0 ? new[] { "revocations" } : []];

    private static string[] CatalogueTags(TrustList list)
    {
        var tags = new List<string>();
        if (list.Catalogue == null) return [];
        for (int p = 0; p < list.Catalogue.Length;)
        {
            int n = LittleEndian.ReadU16(list.Catalogue, p);
            tags.Add($"{(char)list.Catalogue[p + 2]}{(char)list.Catalogue[p + 3]} v{list.Catalogue[p + 4]} ({n} bytes)");
            p += TrustCatalogue.BlockPrefix + n;
        }
        return [.. tags];
    }

    private static void Print(TrustList list, bool signed, DeclaredSpectra declared, bool defective, DeclaredColourShares shares, bool sharesDefective)
    {
        Console.WriteLine($"trust list v{list.Version}, format {list.Format}, issued {JsonOutput.Time(list.IssuedAtUnix)}, expires {JsonOutput.Time(list.ExpiresAtUnix)}, "
                          + (signed ? $"signed ({KeyFiles.AlgorithmName(list.SignatureAlgorithm)}, not checked here)" : "unsigned"));
        for (int i = 0; i < list.Entries.Length; i++)
        {
            var e = list.Entries[i];
            Console.WriteLine($"key {i + 1}: {e.Name}  id {Convert.ToHexStringLower(e.KeyId)}  {KeyFiles.AlgorithmName(e.Algorithm)}  usage {string.Join(",", Usage(e.Usage))}"
                              + $"  valid {JsonOutput.Time(e.ValidFromUnix)} – {JsonOutput.Time(e.ValidUntilUnix)}"
                              + $"  provinces {(e.Provinces.Length == 0 ? "all" : string.Join(",", e.Provinces))}  sectors {(e.Sectors.Length == 0 ? "all" : string.Join(",", e.Sectors))}");
        }
        if (list.Catalogue == null)
        {
            Console.WriteLine("fibre spectra: none (format 1, no catalogue: AS7341 devices declare none)");
            Console.WriteLine("fibre colour shares: none (format 1, no catalogue: TCS34725 devices declare none)");
            return;
        }
        var tags = CatalogueTags(list);
        Console.WriteLine("catalogue: " + (tags.Length == 0 ? "empty" : string.Join(", ", tags)));
        if (declared.Declared == 0) Console.WriteLine("fibre spectra: none declared" + (defective ? " (defective FS block)" : " (no FS block)"));
        else
        {
            Console.WriteLine("fibre spectra (permille through F1–F7: 415 445 480 515 555 590 630 nm):");
            foreach (var (name, colour) in Colours)
            {
                if (!declared.Has(colour)) continue;
                Console.WriteLine($"  {name,-5} " + string.Join(" ", Enumerable.Range(0, DeclaredSpectra.Channels).Select(c => declared.At(colour, c).ToString().PadLeft(4))));
            }
        }
        if (shares.Declared == 0) Console.WriteLine("fibre colour shares: none declared" + (sharesDefective ? " (defective FT block)" : " (no FT block)"));
        else
        {
            Console.WriteLine("fibre colour shares (permille through the TCS34725's R G B):");
            foreach (var (name, colour) in Colours)
            {
                if (!shares.Has(colour)) continue;
                Console.WriteLine($"  {name,-5} " + string.Join(" ", ShareArray(shares, colour).Select(v => v.ToString().PadLeft(4))));
            }
        }
    }

    private static int[] ShareArray(DeclaredColourShares shares, int colour) =>
        [shares.At(colour, DeclaredColourShares.Red), shares.At(colour, DeclaredColourShares.Green), shares.At(colour, DeclaredColourShares.Blue)];

    private static object Json(TrustList list, bool signed, DeclaredSpectra declared, DeclaredColourShares shares) => new
    {
        version = list.Version,
        format = (int)list.Format,
        issuedAt = JsonOutput.Time(list.IssuedAtUnix),
        expiresAt = JsonOutput.Time(list.ExpiresAtUnix),
        signed,
        signatureAlgorithm = signed ? KeyFiles.AlgorithmName(list.SignatureAlgorithm) : null,
        keys = list.Entries.Select(e => new
        {
            name = e.Name, keyId = Convert.ToHexStringLower(e.KeyId), algorithm = KeyFiles.AlgorithmName(e.Algorithm), usage = Usage(e.Usage),
            validFrom = JsonOutput.Time(e.ValidFromUnix), validUntil = JsonOutput.Time(e.ValidUntilUnix), provinces = e.Provinces, sectors = e.Sectors,
        }).ToArray(),
        catalogue = list.Catalogue == null ? null : CatalogueTags(list),
        fibreSpectra = Colours.Where(c => declared.Has(c.Colour)).ToDictionary(c => c.Name,
            c => Enumerable.Range(0, DeclaredSpectra.Channels).Select(ch => declared.At(c.Colour, ch)).ToArray()),
        fibreColours = Colours.Where(c => shares.Has(c.Colour)).ToDictionary(c => c.Name, c => ShareArray(shares, c.Colour)),
    };
}
