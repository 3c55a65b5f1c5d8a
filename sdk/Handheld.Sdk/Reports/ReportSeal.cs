using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Handheld.Sdk.Reports;

/// <summary>
/// The inspecting unit's seal key: an X.509 certificate with its private key (ECDSA P-256 or RSA-2048), read
/// from a PKCS#12 file or a PEM file holding the certificate and the key. Signs CMS for PAdES baseline B-B
/// (ETSI EN 319 142-1): detached SignedData, SHA-256, signed attributes content-type, message-digest and
/// ESS signing-certificate-v2 (RFC 5035) naming this certificate, no signing-time attribute (the time goes in
/// the signature dictionary's /M, as PAdES requires).
/// </summary>
public sealed class ReportSeal : IDisposable
{
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    public X509Certificate2 Certificate { get; }

    private ReportSeal(X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey) throw new ReportException("--seal: the certificate has no private key");
        Certificate = certificate;
    }

    /// <summary>Subject common name (or the whole subject), the unit's name on the report.</summary>
    public string UnitName => Certificate.GetNameInfo(X509NameType.SimpleName, false) is { Length: > 0 } cn ? cn : Certificate.Subject;

    public static ReportSeal Load(string path, string? password)
    {
        if (!File.Exists(path)) throw new ReportException($"--seal: file not found: {path}");
        try
        {
            byte[] raw = File.ReadAllBytes(path);
            if (raw.Length > 0 && raw[0] == 0x30)
            {
                return new ReportSeal(X509CertificateLoader.LoadPkcs12(raw, password, X509KeyStorageFlags.Exportable));
            }
            var pem = File.ReadAllText(path);
            var cert = X509Certificate2.CreateFromPem(pem, pem);
            // An ephemeral key from PEM cannot sign CMS on every platform; round-trip through PKCS#12.
            return new ReportSeal(X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable));
        }
        catch (CryptographicException e)
        {
            throw new ReportException($"--seal: not a PKCS#12 file or a PEM certificate with its private key ({e.Message})");
        }
        catch (ArgumentException e)
        {
            throw new ReportException($"--seal: not a PEM certificate with its private key ({e.Message})");
        }
    }

    /// <summary>Creates a self-signed seal certificate for a unit (for a unit without a CA-issued one, and tests).</summary>
    public static ReportSeal CreateSelfSigned(string unitName, string algorithm, DateTimeOffset notBefore, int years)
    {
        var name = new X500DistinguishedName("CN=" + unitName.Replace(",", "\\,") + ", C=CN");
        CertificateRequest request;
        X509Certificate2 cert;
        switch (algorithm)
        {
            case "p256":
                using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
                    cert = Finish(request, notBefore, years);
                }
                break;
            case "rsa2048":
                using (var key = RSA.Create(2048))
                {
                    request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    cert = Finish(request, notBefore, years);
                }
                break;
            default:
                throw new ReportException($"--alg: expected p256 or rsa2048, got '{algorithm}'");
        }
        return new ReportSeal(cert);
    }

    private static X509Certificate2 Finish(CertificateRequest request, DateTimeOffset notBefore, int years)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        // Non-repudiation (content commitment) and digital signature: what a seal on a document is for.
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var cert = request.CreateSelfSigned(notBefore, notBefore.AddYears(years));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>PKCS#12 with the private key (no password: protect the file) and the certificate alone as PEM.</summary>
    public void Save(string pkcs12Path, string certificatePemPath)
    {
        File.WriteAllBytes(pkcs12Path, Certificate.Export(X509ContentType.Pkcs12));
        File.WriteAllText(certificatePemPath, Certificate.ExportCertificatePem() + "\n");
    }

    /// <summary>Detached CAdES signature (DER) of <paramref name="content"/>.</summary>
    public byte[] SignDetached(byte[] content)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Certificate)
        {
            DigestAlgorithm = new Oid(Sha256Oid),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new AsnEncodedData(SigningCertificateV2Oid, SigningCertificateV2(Certificate)));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, ESSCertIDv2 with the default
    /// hash algorithm (SHA-256, so omitted) and the certificate's hash.</summary>
    internal static byte[] SigningCertificateV2(X509Certificate2 cert)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence())
        using (w.PushSequence())
        {
            w.WriteOctetString(SHA256.HashData(cert.RawData));
        }
        return w.Encode();
    }

    /// <summary>The certificate hash an ESS signing-certificate-v2 attribute names, or null when it is absent or malformed.</summary>
    internal static byte[]? ReadSigningCertificateV2Hash(byte[] attributeValue)
    {
        try
        {
            var r = new AsnReader(attributeValue, AsnEncodingRules.DER);
            var certs = r.ReadSequence().ReadSequence();
            var id = certs.ReadSequence();
            if (id.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var alg = id.ReadSequence();
                if (alg.ReadObjectIdentifier() != Sha256Oid) return null;
            }
            return id.ReadOctetString();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    public void Dispose() => Certificate.Dispose();
}
