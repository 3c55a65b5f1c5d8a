using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Handheld.Sdk.Licensing;

/// <summary>
/// An SM2 key on sm2p256v1 (GB/T 32918) for the host tools. .NET has no SM2, so BouncyCastle does the key
/// generation and signing; the object is an <see cref="AsymmetricAlgorithm"/> so it travels where RSA and
/// ECDSA keys do. Signatures are SM2 with SM3 over Z from the default identifier 1234567812345678, as r‖s
/// (64 bytes) — what Core verifies. Key files are the PKCS#8 / SPKI PEM that <c>openssl genpkey -algorithm SM2</c>
/// writes (id-ecPublicKey with the curve 1.2.156.10197.1.301).
/// </summary>
public sealed class Sm2Key : AsymmetricAlgorithm
{
    /// <summary>The default distinguishing identifier (GM/T 0009), the only one the licence format uses.</summary>
    public static readonly byte[] DefaultId = "1234567812345678"u8.ToArray();

    private static readonly ECNamedDomainParameters Domain =
        new(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByName("sm2p256v1"));

    private readonly ECPrivateKeyParameters? _private;
    private readonly ECPublicKeyParameters _public;

    private Sm2Key(ECPrivateKeyParameters? privateKey, ECPublicKeyParameters publicKey)
    {
        _private = privateKey;
        _public = publicKey;
        LegalKeySizesValue = [new KeySizes(256, 256, 0)];
        KeySizeValue = 256;
    }

    /// <summary>True when the key holds its private half.</summary>
    public bool HasPrivateKey => _private is not null;

    /// <summary>A new random key pair.</summary>
    public static Sm2Key Generate()
    {
        var gen = new ECKeyPairGenerator();
        gen.Init(new ECKeyGenerationParameters(Domain, new SecureRandom()));
        var pair = gen.GenerateKeyPair();
        return new Sm2Key((ECPrivateKeyParameters)pair.Private, (ECPublicKeyParameters)pair.Public);
    }

    /// <summary>True when the DER PKCS#8 private key or SPKI is an EC key on sm2p256v1 (or has the SM2 OID as its algorithm).</summary>
    public static bool IsSm2(AlgorithmIdentifier algorithm) =>
        GMObjectIdentifiers.sm2p256v1.Equals(algorithm.Algorithm)
        || (X9ObjectIdentifiers.IdECPublicKey.Equals(algorithm.Algorithm) && GMObjectIdentifiers.sm2p256v1.Equals(algorithm.Parameters as DerObjectIdentifier));

    /// <summary>An SM2 private key from PKCS#8 DER, or null when the DER is another kind of key.</summary>
    public static Sm2Key? FromPkcs8(byte[] der)
    {
        PrivateKeyInfo info;
        try { info = PrivateKeyInfo.GetInstance(der); }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException) { return null; }
        if (!IsSm2(info.PrivateKeyAlgorithm)) return null;
        var d = Org.BouncyCastle.Asn1.Sec.ECPrivateKeyStructure.GetInstance(info.ParsePrivateKey()).GetKey();
        return FromScalar(d);
    }

    /// <summary>An SM2 private key from SEC 1 DER (<c>EC PRIVATE KEY</c>, or <c>SM2 PRIVATE KEY</c> as <c>openssl ec</c>
    /// labels it) naming sm2p256v1, or null.</summary>
    public static Sm2Key? FromSec1(byte[] der)
    {
        try
        {
            var s = Org.BouncyCastle.Asn1.Sec.ECPrivateKeyStructure.GetInstance(Asn1Object.FromByteArray(der));
            if (!GMObjectIdentifiers.sm2p256v1.Equals(s.Parameters as DerObjectIdentifier)) return null;
            return FromScalar(s.GetKey());
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException)
        {
            return null;
        }
    }

    private static Sm2Key FromScalar(Org.BouncyCastle.Math.BigInteger d)
    {
        if (d.SignValue <= 0 || d.CompareTo(Domain.N.Subtract(Org.BouncyCastle.Math.BigInteger.One)) >= 0)
            throw new FormatException("SM2 private key out of range");
        var priv = new ECPrivateKeyParameters(d, Domain);
        var pub = new ECPublicKeyParameters(Domain.G.Multiply(d).Normalize(), Domain);
        return new Sm2Key(priv, pub);
    }

    /// <summary>An SM2 public key from SPKI DER, or null when the SPKI is another kind of key.</summary>
    public static Sm2Key? FromSubjectPublicKeyInfo(byte[] der)
    {
        Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo info;
        try { info = Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(Asn1Object.FromByteArray(der)); }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException) { return null; }
        if (!IsSm2(info.Algorithm)) return null;
        try
        {
            var point = Domain.Curve.DecodePoint(info.PublicKey.GetOctets());
            return new Sm2Key(null, new ECPublicKeyParameters(point, Domain));
        }
        catch (ArgumentException e)
        {
            throw new FormatException("SM2 public key is not a point on sm2p256v1: " + e.Message);
        }
    }

    /// <inheritdoc />
    public override byte[] ExportSubjectPublicKeyInfo() =>
        SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(_public).GetDerEncoded();

    /// <inheritdoc />
    public override byte[] ExportPkcs8PrivateKey() =>
        PrivateKeyInfoFactory.CreatePrivateKeyInfo(_private ?? throw new CryptographicException("SM2 key has no private part")).GetDerEncoded();

    /// <inheritdoc />
    public override bool TryExportPkcs8PrivateKey(Span<byte> destination, out int bytesWritten)
    {
        byte[] der = ExportPkcs8PrivateKey();
        bytesWritten = der.Length <= destination.Length ? der.Length : 0;
        if (bytesWritten == 0) return false;
        der.CopyTo(destination);
        return true;
    }

    /// <inheritdoc />
    public override bool TryExportSubjectPublicKeyInfo(Span<byte> destination, out int bytesWritten)
    {
        byte[] der = ExportSubjectPublicKeyInfo();
        bytesWritten = der.Length <= destination.Length ? der.Length : 0;
        if (bytesWritten == 0) return false;
        der.CopyTo(destination);
        return true;
    }

    /// <summary>SM2 signature with SM3 over Z(default identifier) ‖ data, as 64-byte r‖s.</summary>
    public byte[] Sign(byte[] data)
    {
        var signer = new SM2Signer(PlainDsaEncoding.Instance);
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(
            _private ?? throw new CryptographicException("SM2 key has no private part"), new SecureRandom()), DefaultId));
        signer.BlockUpdate(data, 0, data.Length);
        return signer.GenerateSignature();
    }

    /// <summary>Checks an r‖s signature with BouncyCastle (the host-side second opinion; the tools verify with Core).</summary>
    public bool Verify(byte[] data, byte[] rs)
    {
        var signer = new SM2Signer(PlainDsaEncoding.Instance);
        signer.Init(false, new ParametersWithID(_public, DefaultId));
        signer.BlockUpdate(data, 0, data.Length);
        return signer.VerifySignature(rs);
    }
}
