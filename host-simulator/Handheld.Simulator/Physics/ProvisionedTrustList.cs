using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;

namespace Handheld.Simulator.Physics;

/// <summary>
/// The trust list the simulator's emulated device is provisioned with: format 2 (docs/ble-protocol.md §6.1.1) with
/// the catalogue's FS block carrying the simulated paper's declared fibre spectra (<see cref="DeclaredFibreSpectra"/>)
/// and its FT block the declared colour shares (<see cref="DeclaredFibreColourShares"/>), signed by a fixed simulator
/// root key. The emulated device (AS7341 templates, TCS34725 colour signatures) reads them out of this list through
/// Core's codec and <see cref="PaperCatalogue"/> — the firmware's path — never from the sheet model directly.
/// </summary>
public static class ProvisionedTrustList
{
    /// <summary>Version of the provisioned list (a pushed list must exceed it).</summary>
    public const uint Version = 1;
    /// <summary>Issued 2026-01-01, valid ten years: the simulator's clock never makes it stale.</summary>
    public const long IssuedAtUnix = 1_767_225_600;

    private static readonly Lazy<ECDsa> RootKey = new(() =>
    {
        // Fixed, so the simulator's firmware and its provisioned list agree in every run (runs depend on the list's
        // content only; the signature's randomness changes nothing they decide).
        var d = SHA256.HashData("handheld simulator trust root"u8.ToArray());
        d[0] &= 0x7F;
        return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
    });

    /// <summary>The simulator root key's SubjectPublicKeyInfo (what its firmware trusts).</summary>
    public static byte[] RootSubjectPublicKeyInfo => RootKey.Value.ExportSubjectPublicKeyInfo();

    /// <summary>The catalogue of the simulated paper: an FS block with the declared spectra of <paramref name="optics"/>
    /// and an FT block with its declared colour shares.</summary>
    public static byte[] Catalogue(DeviceOptics optics) => WithColourShares(SpectraCatalogue(optics), optics);

    /// <summary>A catalogue with only the FS block (as a list built before FT existed): a TCS34725 then declares
    /// nothing.</summary>
    public static byte[] SpectraCatalogue(DeviceOptics optics)
    {
        var declared = DeclaredFibreSpectra.For(optics);
        var block = new byte[declared.EncodedLength];
        declared.Write(block, 0);
        return TrustCatalogue.Append(null, block, 0, block.Length)!;
    }

    /// <summary><paramref name="catalogue"/> (null = empty) with the FT block of <paramref name="optics"/>' colour shares appended.</summary>
    public static byte[] WithColourShares(byte[]? catalogue, DeviceOptics optics)
    {
        var declared = DeclaredFibreColourShares.For(optics);
        var block = new byte[declared.EncodedLength];
        declared.Write(block, 0);
        return TrustCatalogue.Append(catalogue, block, 0, block.Length)!;
    }

    /// <summary>The signed list: a format-2 list with <paramref name="entries"/> (none given: the simulator root key's
    /// own, for licences) and the catalogue of <paramref name="optics"/> (null: a format-1 list, no catalogue).</summary>
    public static byte[] Signed(DeviceOptics? optics, uint version = Version, TrustListEntry[]? entries = null) =>
        WithCatalogue(optics == null ? null : Catalogue(optics), version, entries);

    /// <summary>As <see cref="Signed"/> with any catalogue (null: format 1), e.g. another paper's spectra.</summary>
    public static byte[] WithCatalogue(byte[]? catalogue, uint version = Version, TrustListEntry[]? entries = null)
    {
        var list = new TrustList
        {
            Version = version, IssuedAtUnix = IssuedAtUnix, LifetimeSeconds = 3650u * 86400,
            Catalogue = catalogue,
            Entries = entries ??
            [
                new TrustListEntry
                {
                    KeyId = KeyIdentifier.Compute(RootSubjectPublicKeyInfo), Algorithm = SignatureAlgorithm.EcdsaP256Sha256,
                    Usage = TrustListEntry.UsageLicences, ValidFromUnix = IssuedAtUnix, ValidUntilUnix = IssuedAtUnix + 3650L * 86400,
                    Name = "simulator", Provinces = [], Sectors = [], SubjectPublicKeyInfo = RootSubjectPublicKeyInfo,
                },
            ],
        };
        return Sign(TrustListCodec.EncodeUnsigned(list) ?? throw new InvalidOperationException("provisioned trust list too large"));
    }

    /// <summary>Appends the simulator root key's signature to to-be-signed list bytes.</summary>
    public static byte[] Sign(byte[] toBeSigned)
    {
        byte[] signature = RootKey.Value.SignHash(SHA256.HashData(toBeSigned), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return ListFormat.AppendSignature(toBeSigned, SignatureAlgorithm.EcdsaP256Sha256, signature);
    }

    /// <summary>The list as the device holds it after install: parsed and verified against the simulator root key.</summary>
    public static TrustList Installed(byte[] signed)
    {
        if (TrustListCodec.Parse(signed, 0, signed.Length, out var list) != ErrorCode.None)
            throw new InvalidOperationException("provisioned trust list does not parse");
        var engine = new ManagedSignatureEngine();
        object root = engine.PrepareKey(SignatureAlgorithm.EcdsaP256Sha256, RootSubjectPublicKeyInfo)!;
        if (TrustListCodec.Verify(signed, 0, list, SignatureAlgorithm.EcdsaP256Sha256, root, engine, new Sha256()) != ErrorCode.None)
            throw new InvalidOperationException("provisioned trust list does not verify");
        return list;
    }

    /// <summary>The declared spectra an emulated AS7341 device with <paramref name="list"/> in force uses (empty
    /// without a catalogue: the spectrum check then fails closed).</summary>
    public static DeclaredSpectra SpectraOf(TrustList? list)
    {
        var declared = new DeclaredSpectra();
        PaperCatalogue.LoadSpectra(list, declared);
        return declared;
    }

    /// <summary>The declared colour shares an emulated TCS34725 device with <paramref name="list"/> in force uses
    /// (empty without a catalogue or an FT block: the colour signature then fails closed).</summary>
    public static DeclaredColourShares ColourSharesOf(TrustList? list)
    {
        var declared = new DeclaredColourShares();
        PaperCatalogue.LoadColourShares(list, declared);
        return declared;
    }

    /// <summary>The default: the provisioned list for <paramref name="optics"/>, installed.</summary>
    public static TrustList Provisioned(DeviceOptics optics) => Installed(Signed(optics));
}
