using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Handheld.Sdk.Records;
using PdfSharp.Pdf.IO;

namespace Handheld.Sdk.Reports;

/// <summary>What <see cref="SealedReportVerifier"/> found; <see cref="Problems"/> names every failed check.</summary>
public sealed class SealVerification
{
    public bool SignatureValid { get; set; }
    public string? SubFilter { get; set; }
    public string? Signer { get; set; }
    public string? SignerSha256 { get; set; }
    public bool SignerTrusted { get; set; }
    public IReadOnlyList<RecordReference> Records { get; set; } = [];
    public List<string> Problems { get; } = [];
    public bool Valid => Problems.Count == 0;
}

/// <summary>
/// Checks a sealed report (docs/report-format.md §4): exactly one signature whose byte range covers the whole
/// file but its own /Contents, SubFilter ETSI.CAdES.detached, a CMS that verifies over those bytes with an ESS
/// signing-certificate-v2 naming the signer, the signer equal to the trusted seal certificate, and every record the
/// report names present, verified and byte-identical in the record store. Fails closed: an untrusted or unpinned
/// signer is a problem.
/// </summary>
public static class SealedReportVerifier
{
    public static SealVerification Verify(byte[] pdf, X509Certificate2? trusted)
    {
        var v = new SealVerification();
        var location = SignatureLocation.Find(pdf);
        if (location == null)
        {
            v.Problems.Add("no PDF signature found");
            return v;
        }
        if (CountOf(pdf, "/ByteRange") != 1) v.Problems.Add("more than one signature (a later revision was added)");
        if (location.ByteRange[2] + location.ByteRange[3] != pdf.Length)
        {
            v.Problems.Add("bytes after the signed range (the file was changed after sealing)");
        }
        v.SubFilter = SubFilter(pdf);
        if (v.SubFilter != "ETSI.CAdES.detached") v.Problems.Add($"SubFilter {v.SubFilter ?? "missing"}, expected ETSI.CAdES.detached (PAdES)");

        byte[]? cmsBytes = ContentsDer(pdf, location);
        if (cmsBytes == null)
        {
            v.Problems.Add("signature /Contents is not one DER CMS followed by zero padding");
            return v;
        }
        try
        {
            var cms = new SignedCms(new ContentInfo(location.SignedBytes(pdf)), detached: true);
            cms.Decode(cmsBytes);
            if (cms.SignerInfos.Count != 1) throw new CryptographicException($"{cms.SignerInfos.Count} signers, expected 1");
            var signer = cms.SignerInfos[0];
            signer.CheckSignature(verifySignatureOnly: true);
            v.SignatureValid = true;
            var cert = signer.Certificate ?? throw new CryptographicException("signer certificate not included");
            v.Signer = cert.Subject;
            v.SignerSha256 = Convert.ToHexStringLower(SHA256.HashData(cert.RawData));
            var ess = signer.SignedAttributes.Cast<CryptographicAttributeObject>()
                .FirstOrDefault(a => a.Oid.Value == "1.2.840.113549.1.9.16.2.47");
            var named = ess?.Values.Count == 1 ? ReportSeal.ReadSigningCertificateV2Hash(ess.Values[0].RawData) : null;
            if (named == null || !named.AsSpan().SequenceEqual(SHA256.HashData(cert.RawData)))
            {
                v.Problems.Add("ESS signing-certificate-v2 attribute missing or not naming the signer (PAdES B-B)");
            }
            v.SignerTrusted = trusted != null && trusted.RawData.AsSpan().SequenceEqual(cert.RawData);
            if (trusted == null) v.Problems.Add("signer not checked: give the unit's seal certificate (--trust)");
            else if (!v.SignerTrusted) v.Problems.Add($"signer {cert.Subject} is not the trusted seal certificate");
        }
        catch (CryptographicException e)
        {
            v.Problems.Add("signature does not verify: " + e.Message.TrimEnd('.'));
        }

        try
        {
            using var doc = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
            var json = doc.Info.Elements.GetString(RecordReference.InfoKey);
            v.Records = string.IsNullOrEmpty(json) ? [] : RecordReference.FromJson(json);
        }
        catch (Exception e) when (e is PdfReaderException or InvalidOperationException or ReportException or FormatException)
        {
            v.Problems.Add("document does not parse: " + e.Message);
        }
        if (v.Records.Count == 0) v.Problems.Add($"no record references ({RecordReference.InfoKey})");
        return v;
    }

    /// <summary>Adds a problem for every referenced record that is not in the store exactly as embedded and verified,
    /// or that has a fork (a second, different copy: a security event).</summary>
    public static void CheckAgainstStore(SealVerification v, IRecordStore store)
    {
        foreach (var r in v.Records)
        {
            var name = $"record {r.DeviceId}/{r.Sequence}" + (r.Epoch == 1 ? "" : $" (epoch {r.Epoch})");
            byte[] embedded;
            try { embedded = Convert.FromBase64String(r.DataBase64); }
            catch (FormatException) { v.Problems.Add(name + ": embedded bytes are not base64"); continue; }
            if (!Convert.ToHexString(SHA256.HashData(embedded)).Equals(r.Sha256Hex, StringComparison.OrdinalIgnoreCase))
            {
                v.Problems.Add(name + ": embedded bytes do not match the hash printed on the report");
            }
            var stored = store.Find(r.DeviceId.ToUpperInvariant(), r.Epoch, r.Sequence);
            if (stored == null) v.Problems.Add(name + ": not in the record store");
            else if (!stored.Data.AsSpan().SequenceEqual(embedded)) v.Problems.Add(name + ": differs from the stored record");
            else if (stored.State != RecordState.Verified) v.Problems.Add(name + $": {stored.State.ToString().ToLowerInvariant()} in the store ({stored.Reason ?? "not linked"})");
            if (store.HasFork(r.DeviceId.ToUpperInvariant(), r.Epoch, r.Sequence)) v.Problems.Add(name + ": the store holds a fork of it (security event)");
        }
    }

    private static int CountOf(byte[] pdf, string token)
    {
        var needle = Encoding.ASCII.GetBytes(token);
        int n = 0;
        for (int i = SealedPdf.IndexOf(pdf, needle, 0); i >= 0; i = SealedPdf.IndexOf(pdf, needle, i + 1)) n++;
        return n;
    }

    private static string? SubFilter(byte[] pdf)
    {
        var key = Encoding.ASCII.GetBytes("/SubFilter");
        int at = pdf.AsSpan().LastIndexOf(key);
        if (at < 0) return null;
        int p = at + key.Length;
        while (p < pdf.Length && pdf[p] == ' ') p++;
        if (p >= pdf.Length || pdf[p] != '/') return null;
        int end = p + 1;
        while (end < pdf.Length && pdf[end] is > 0x20 and < 0x7F and not (byte)'/' and not (byte)'>' and not (byte)'[') end++;
        return Encoding.ASCII.GetString(pdf, p + 1, end - p - 1);
    }

    /// <summary>The DER CMS inside the /Contents hex string (the zero padding after it cut off).</summary>
    private static byte[]? ContentsDer(byte[] pdf, SignatureLocation l)
    {
        try
        {
            var hex = Encoding.ASCII.GetString(pdf, l.ContentsStart + 1, l.ContentsEnd - l.ContentsStart - 2);
            var raw = Convert.FromHexString(hex);
            var reader = new AsnReader(raw, AsnEncodingRules.BER);
            var der = reader.ReadEncodedValue().ToArray();
            // The padding is not covered by the CMS: anything but zeros there is a change after sealing.
            if (raw.AsSpan(der.Length).ContainsAnyExcept((byte)0)) return null;
            return der;
        }
        catch (Exception e) when (e is FormatException or AsnContentException)
        {
            return null;
        }
    }
}
