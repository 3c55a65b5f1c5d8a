using System.Security.Cryptography;
using Handheld.Core.Crypto;
using Handheld.Core.Inspection;
using Handheld.Core.Licensing;
using Handheld.Core.Trust;
using Handheld.Sdk.Licensing;
using Handheld.Simulator.Device;

namespace Handheld.Simulator.Demo;

/// <summary>One demonstrated inspection: what the inspector holds, what the device said.</summary>
public sealed record DemoCase(string Title, string Expected, RunResult Result);

/// <summary>
/// The main job end to end: an issuing authority signs a licence (RSA-2048 by default, or P-256 or SM2 with SM3;
/// docs/licence-format.md), the
/// device trusts the authority's key through a trust list, and the emulated device inspects four sheets —
/// the genuine licence, a copy whose validity was altered after signing, and the genuine QR photocopied onto
/// office paper, and a licence the authority has since revoked. Every stage is the real code: QR text through the GM65 emulator and Core's scanner protocol,
/// Core's licence verifier with the managed engine, the UV sweep over the physical sheet model and the
/// register-level sensor emulator, the verdict, and the record log.
/// </summary>
public static class DemoInspections
{
    /// <summary>The device's clock during the demo: 2026-05-28T08:53:20Z, set from the paired app.</summary>
    public const long DeviceTimeUnix = 1_780_000_000;

    public static IReadOnlyList<DemoCase> Run(string licenceJson, string genuineSheetScenario, string photocopyScenario,
        Handheld.Core.Drivers.SensorKind sensor, int seed, Action<string>? log = null,
        SignatureAlgorithm algorithm = SignatureAlgorithm.RsaPkcs1Sha256)
    {
        // The authority: a fresh key as `handheld keys generate --alg` makes (RSA-2048 e = 65537, P-256 or SM2),
        // signing as `handheld license issue` does.
        var (privatePem, _) = KeyFiles.Generate(algorithm);
        using var authority = KeyFiles.LoadPrivate(privatePem);
        byte[] spki = authority.ExportSubjectPublicKeyInfo();
        byte[] Sign(byte[] data) => KeyFiles.Sign(authority, data).Signature;
        var licence = LicenceJson.Parse(licenceJson);
        byte[] tbs = LicenceIssuer.BuildTbs(licence, spki, algorithm);
        byte[] signature = Sign(tbs);
        string genuineQr = LicenceEnvelope.BuildText(tbs, signature);

        // The forger's copy: validity extended by three years, the authority's signature kept.
        var altered = LicenceJson.Parse(licenceJson.Replace("\"validUntil\": \"2029-01-14\"", "\"validUntil\": \"2032-01-14\"", StringComparison.Ordinal));
        string alteredQr = LicenceEnvelope.BuildText(LicenceIssuer.BuildTbs(altered, spki, algorithm), signature);

        // A second licence of the same enterprise, later revoked by the authority.
        var revokedLicence = LicenceJson.Parse(licenceJson.Replace("087974", "087975", StringComparison.Ordinal));
        byte[] revokedTbs = LicenceIssuer.BuildTbs(revokedLicence, spki, algorithm);
        string revokedQr = LicenceEnvelope.BuildText(revokedTbs, Sign(revokedTbs));

        // The device's trust, as a verified trust list leaves it: the authority key (in service 2023–2028: it
        // must cover the licence's issue day and the inspection), allowed to sign licences and revocations, in
        // a list issued 30 days ago with 90 days' lifetime, format 2 with the paper's declared fibre spectra and colour shares in its
        // catalogue (the AS7341 device's templates, the TCS34725 device's colour signatures, docs/ble-protocol.md §6.1.1).
        var engine = new ManagedSignatureEngine();
        var trustList = new TrustList
        {
            Version = 1,
            Catalogue = Handheld.Simulator.Physics.ProvisionedTrustList.Catalogue(new Handheld.Simulator.Physics.DeviceOptics()),
            IssuedAtUnix = DeviceTimeUnix - 30L * 86400,
            LifetimeSeconds = 90 * 86400,
            Entries = new[]
            {
                new TrustListEntry
                {
                    KeyId = KeyIdentifier.Compute(spki), Algorithm = algorithm,
                    Usage = (byte)(TrustListEntry.UsageLicences | TrustListEntry.UsageRevocations),
                    ValidFromUnix = 1_672_531_200 /* 2023-01-01 */, ValidUntilUnix = 1_830_297_600 /* 2028-01-01 */,
                    Name = "demo authority", Provinces = Array.Empty<string>(), Sectors = Array.Empty<string>(), SubjectPublicKeyInfo = spki,
                },
            },
        };
        var trust = new TrustStore(engine, 4);
        if (TrustStoreLoader.Load(trustList, trust) != 1) throw new InvalidOperationException("the demo authority key was refused");

        // The revocation list the authority signed a week ago (7 days' lifetime), checked against the trust
        // list exactly as the device's list updater does before it attaches the index.
        byte[] revocationTbs = Handheld.Sdk.Lists.ListTools.BuildRevocationList(new[] { revokedLicence.LicenceNumber }, 1,
            DeviceTimeUnix - 86400, 7, spki);
        byte[] revocationList = ListFormat.AppendSignature(revocationTbs, algorithm, Sign(revocationTbs));
        var flash = new ArrayBlockStorage(revocationList);
        var hash = new Handheld.Core.Crypto.Sha256();
        if (RevocationListHeader.Read(flash, 0, revocationList.Length, out var header) != Handheld.Core.Protocol.ErrorCode.None
            || header.Verify(flash, 0, trustList, engine, hash) != Handheld.Core.Protocol.ErrorCode.None)
            throw new InvalidOperationException("the demo revocation list does not verify");
        var revocations = new RevocationIndex(hash);
        var issuerEntry = trustList.Find(header.IssuerKeyId, 0)!;
        revocations.Attach(flash, 0, header, issuerEntry.Provinces, issuerEntry.Sectors);
        var verifier = new LicenceVerifier(trust, revocations);
        LicenceDigitalCheck? lastCheck = null;
        var options = new RunOptions { DigitalCheck = _ => lastCheck = new LicenceDigitalCheck(verifier), TrustList = trustList };

        var cases = new List<DemoCase>();
        DemoCase Inspect(string title, string expected, string scenarioPath, string qr)
        {
            var scenario = RunScenario.Load(scenarioPath);
            scenario.QrText = qr;
            scenario.Sensor = sensor;
            scenario.Seed = seed;
            scenario.Algorithm = algorithm switch
            {
                SignatureAlgorithm.EcdsaP256Sha256 => "ecdsa-p256",
                SignatureAlgorithm.Sm2Sm3 => "sm2",
                _ => "rsa2048",
            };
            log?.Invoke("── " + title);
            var result = InspectionRun.Execute(scenario, options, log);
            log?.Invoke("   licence verifier: " + (lastCheck?.LastVerification == null ? "not run" : LicenceStatusNames.Get(lastCheck.LastVerification.Status)));
            var c = new DemoCase(title, expected, result);
            cases.Add(c);
            return c;
        }

        Inspect("genuine licence on security paper", "GENUINE", genuineSheetScenario, genuineQr);
        Inspect("validity altered after signing, on security paper", "FORGED", genuineSheetScenario, alteredQr);
        Inspect("genuine QR photocopied onto office paper", "FORGED or SUSPECT", photocopyScenario, genuineQr);
        Inspect("revoked licence on security paper", "INVALID", genuineSheetScenario, revokedQr);
        return cases;
    }
}
