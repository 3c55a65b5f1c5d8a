using System.Security.Cryptography;
using System.Text;
using Handheld.Core.Crypto;
using Handheld.Core.Inspection;
using Handheld.Core.Licensing;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Records;
using Handheld.Core.Trust;
using Sweep = Handheld.Core.Fluorescence;

namespace Handheld.IlCounter;

/// <summary>The device-level operations: licence pipeline, physical analysis, records, revocations, boot, inspection.</summary>
public static partial class Workloads
{
    private const long Now = 1735689600; // 2025-01-01, inside the sample licence's validity
    /// <summary>Issue 12 asks for 64 RSA keys; the trust list format holds at most MaxTrustListBytes (16 KB), which is
    /// 48 RSA-2048 entries with short names, so boot is measured with as many as fit (<see cref="Lists.Keys"/>).</summary>
    private const int WantedBootKeys = 64;
    /// <summary>A full revocation list as issue 12 sized it (64 KB): the entries that fit with an RSA-2048 signature.</summary>
    private const int RevocationListBytes = 64 * 1024;

    private static readonly List<Operation> DeviceOperations = new()
    {
        new("licence pipeline: QR text → result", LicencePipeline, "RSA-2048 issuer key prepared, 64 KB revocation list loaded"),
        new("physical analysis per sweep", PhysicalAnalysis, "70 samples, PhysicalCheck.Run"),
        new("physical analysis with daylight", PhysicalAnalysisDaylight, "53 samples with white-LED reflectance (the sampler's count since issue 17), 11 events judged"),
        new("AS7341 spectrum check per sweep", root => SpectrumAnalysis(root, Sweep.SpectrumSampling.LayoutJoint), "70 samples, 14 fibre events, SpectrumCheck.Apply after PhysicalCheck (joint SMUX layout, the device's)"),
        new("AS7341 spectrum check per sweep, alternating SMUX halves", root => SpectrumAnalysis(root, Sweep.SpectrumSampling.LayoutAlternating), "as above with SpectrumA/SpectrumB alternating pair by pair"),
        new("TCS34725 colour signature per sweep", ColourSignatureAnalysis, "70 samples, 14 fibre events (7 blue, 7 green), ColourSignatureCheck.Apply after PhysicalCheck"),
        new("fingerprint match per sweep", FingerprintMatch, "track mode: 240 readings of 12 ms at 40 mm/s (TrackSampler bookkeeping, sensor faked), TrackExtractor.Run, FingerprintMatcher.Run; 7 marks, 36 registered (classes 1–2) and 36 crossings (a dense sheet)"),
        new("fingerprint match, last track of layout 2", FingerprintLastTrack, "the same track sweep as the fourth of layout 2: 3 registered events on each of tracks 0–2, 18 on track 3, the evidence of tracks 0–2 carried (their sweeps not counted), TrackSampler, TrackExtractor.Run, FingerprintMatcher.Run(…, track 3, …)"),
        new("fingerprint match, physical-sweep trace", FingerprintMatchPhysical, "revision 2 (no track sweep): 65 samples at 40 mm/s, 7 marks, 36 registered and 40 measured events, FingerprintMatcher.Run"),
        new("record append", RecordAppend, "RecordLogSink.Append, opened log"),
        new("tile calibration, stored", TileCalibrationStored, "3 zones × 70 samples analysed, CALIBRATION record, A/B slot write; sweeps faked"),
        new("revocation look-up", RevocationLookup, "64 KB list (≈ 19.4 k entries), number not revoked"),
        new("boot to ready, sealed lists", BootSealed, "48 RSA keys (most a 16 KB trust list holds) + 64 KB revocation list; seal MAC by the native HMAC"),
        new("boot to ready, hashed lists", BootHashed, "unprovisioned: managed SHA-256 and signature checks"),
        new("trust store load, 64 RSA keys", TrustLoad64, "decoded list (64 do not fit a 16 KB list): key parse and checks, duplicate ids"),
        new("BLE session buffers", BleSession, "LinkSession (resident while connected)"),
        new("inspection, QR to stored record", Inspection, "controller, digital check, record log; physical stage faked", TrackLive: true),
        new("inspection with a BLE session open", InspectionWithBle, "as above, LinkSession buffers allocated first and live throughout", TrackLive: true),
    };

    // ---- licence and lists -------------------------------------------------------------------------------------

    private static Licence SampleLicence() => new()
    {
        LicenceNumber = "（鲁）JZ安许证字[2023]087974",
        EnterpriseName = "山东齐鲁建设工程集团有限公司",
        Uscc = "91350100M000100Y43",
        LegalRepresentative = "张建国",
        Address = "山东省济南市历下区经十路15888号齐鲁建设大厦18层",
        ScopeItems = new[] { "建筑施工", "市政公用工程施工", "机电工程施工" },
        IssuingAuthority = "山东省住房和城乡建设厅",
        IssueDay = Day(2023, 6, 15),
        ValidFromDay = Day(2023, 6, 15),
        ValidUntilDay = Day(2026, 6, 14),
        Kind = LicenceKind.Regular,
        CreditGrade = 'A',
        Physical = new PhysicalProfile(FibreColours.Blue | FibreColours.Green, true, "JZ087974"),
    };

    private static int Day(int y, int m, int d) => new DateOnly(y, m, d).DayNumber - new DateOnly(1970, 1, 1).DayNumber;

    private static byte[] QrText(RSA issuer)
    {
        Check(LicenceCodec.TryEncode(SampleLicence(), out var payload) == LicenceStatus.Valid, "sample licence does not encode");
        var tbs = LicenceEnvelope.BuildTbs(SignatureAlgorithm.RsaPkcs1Sha256, KeyIdentifier.Compute(issuer.ExportSubjectPublicKeyInfo()), payload);
        var text = LicenceEnvelope.BuildText(tbs, issuer.SignData(tbs, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return Encoding.UTF8.GetBytes(text);
    }

    private static TrustListEntry Entry(RSA key, byte usage, string name) => new()
    {
        KeyId = KeyIdentifier.Compute(key.ExportSubjectPublicKeyInfo()),
        Algorithm = SignatureAlgorithm.RsaPkcs1Sha256,
        Usage = usage,
        ValidFromUnix = 0,
        ValidUntilUnix = 4102444800,
        Name = name,
        Provinces = new string[0],
        Sectors = new string[0],
        SubjectPublicKeyInfo = key.ExportSubjectPublicKeyInfo(),
    };

    private sealed class Lists
    {
        public RSA Root = null!, Issuer = null!;
        public byte[] TrustList = null!, RevocationList = null!;
        public int RevocationEntries;
        public int Keys;
    }

    private static Lists? s_lists;

    // A 64-key RSA trust list signed by a root key and a revocation list filling 64 KB, signed by key 0.
    private static Lists BuildLists()
    {
        if (s_lists != null) return s_lists;
        var l = new Lists { Root = RSA.Create(2048) };
        var all = new List<TrustListEntry>();
        byte[]? tbs = null;
        for (int i = 0; i < WantedBootKeys; i++)
        {
            var key = RSA.Create(2048);
            if (i == 0) l.Issuer = key;
            all.Add(Entry(key, (byte)(TrustListEntry.UsageLicences | (i == 0 ? TrustListEntry.UsageRevocations : 0)), "k" + i));
            var candidate = TrustListCodec.EncodeUnsigned(new TrustList { Version = 7, IssuedAtUnix = Now - 86400, LifetimeSeconds = 86400 * 90, Entries = all.ToArray() });
            // The signature trailer must fit too.
            if (candidate == null || candidate.Length + ListFormat.TrailerHeader + 256 > ListFormat.MaxTrustListBytes) { all.RemoveAt(all.Count - 1); break; }
            tbs = candidate;
        }
        Check(tbs != null, "no trust list encodes");
        l.Keys = all.Count;
        var entries = all.ToArray();
        l.TrustList = ListFormat.AppendSignature(tbs!, SignatureAlgorithm.RsaPkcs1Sha256,
            l.Root.SignData(tbs!, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        int n = (RevocationListBytes - RevocationList.EncodedLength(0, 256)) / RevocationList.RemainderBytes;
        var hash = new Sha256();
        var scratch = new byte[32];
        var fingerprints = new long[n];
        for (int i = 0; i < n; i++)
        {
            var number = Encoding.UTF8.GetBytes("（鲁）JZ安许证字[2020]" + i.ToString("D6"));
            fingerprints[i] = RevocationList.Fingerprint(hash, number, 0, number.Length, scratch);
        }
        var rtbs = RevocationList.EncodeUnsigned(3, Now - 3600, 86400 * 7, entries[0].KeyId, fingerprints);
        l.RevocationList = ListFormat.AppendSignature(rtbs, SignatureAlgorithm.RsaPkcs1Sha256,
            l.Issuer.SignData(rtbs, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        l.RevocationEntries = n;
        return s_lists = l;
    }

    /// <summary>Stands in for the device's native HMAC: uninstrumented, so it costs no counted IL, as on the device.</summary>
    private sealed class NativeHmacStandIn : IHmacSha256
    {
        public void Compute(byte[] key, byte[] data, int offset, int count, byte[] output32, int outputOffset)
        {
            HMACSHA256.HashData(key ?? Array.Empty<byte>(), data.AsSpan(offset, count), output32.AsSpan(outputOffset, 32));
        }
    }

    private static ArrayBlockStorage StoredList(byte[] list, int slotData, IHmacSha256? hmac, byte[]? sealKey)
    {
        var flash = new ArrayBlockStorage(2 * (slotData + SignedListStore.SlotHeaderLength));
        var store = new SignedListStore(flash, new Sha256(), hmac!, sealKey!);
        store.BeginStaging();
        store.WriteStaged(0, list, 0, list.Length);
        store.CommitStaged(list.Length, SHA256.HashData(list));
        return flash;
    }

    private static RevocationIndex AttachedRevocations(Lists l)
    {
        var flash = StoredList(l.RevocationList, RevocationListBytes, null, null);
        var store = new SignedListStore(flash, new Sha256());
        Check(RevocationListHeader.Read(store.Storage, store.ActiveDataPosition, store.ActiveLength, out var h) == ErrorCode.None, "revocation list unreadable");
        var index = new RevocationIndex(new Sha256());
        index.Attach(store.Storage, store.ActiveDataPosition, h, null, null); // a national issuer: scope any
        return index;
    }

    private static TrustStore IssuerStore(RSA issuer)
    {
        var spki = issuer.ExportSubjectPublicKeyInfo();
        var store = new TrustStore(Engine, 8);
        Check(store.TryAdd(new TrustedKey(KeyIdentifier.Compute(spki), SignatureAlgorithm.RsaPkcs1Sha256, spki, 0, 4102444800, null!, null!, "issuer")), "issuer key refused");
        store.SetListInfo(1, Now - 86400, Now + 86400 * 30);
        return store;
    }

    private static Action LicencePipeline(string root)
    {
        var l = BuildLists();
        var verifier = new LicenceVerifier(IssuerStore(l.Issuer), AttachedRevocations(l));
        var qr = QrText(l.Issuer);
        Check(verifier.Verify(qr, 0, qr.Length, null!, Now, ClockSource.AppSynced).Status == LicenceStatus.Valid, "licence not valid (warm-up)");
        return () => Check(verifier.Verify(qr, 0, qr.Length, null!, Now, ClockSource.AppSynced).Status == LicenceStatus.Valid, "licence not valid");
    }

    private static Action RevocationLookup(string root)
    {
        var index = AttachedRevocations(BuildLists());
        var number = Encoding.UTF8.GetBytes("（鲁）JZ安许证字[2023]087974");
        return () => Check(!index.IsRevoked(number, 0, number.Length, out _), "sample number revoked");
    }

    private static Action PhysicalAnalysis(string root)
    {
        var check = new Sweep.PhysicalCheck(Sweep.PhysicalCheckSettings.ForTcs34725(), 128);
        var result = new Sweep.PhysicalCheckResult();
        var trace = new Sweep.SweepTrace(128);
        uint s = 7;
        for (int i = 0; i < 70; i++)
        {
            s = s * 1103515245 + 12345;
            int noise = (int)((s >> 16) % 121) - 60;
            int b = 600 + noise, g = 450 + noise / 2;
            if (i % 9 == 4) b += 1600;
            if (i % 9 == 7) g += 2400;
            trace.Add(i * 43, b, g, 200, b + g, 100, 0, 60, 60);
        }
        return () => check.Run(trace, Sweep.FibreColours.Blue | Sweep.FibreColours.Green, true, result);
    }

    private static Action PhysicalAnalysisDaylight(string root)
    {
        var check = new Sweep.PhysicalCheck(Sweep.PhysicalCheckSettings.ForTcs34725(), 128);
        var result = new Sweep.PhysicalCheckResult();
        var trace = new Sweep.SweepTrace(128);
        uint s = 7;
        for (int i = 0; i < 53; i++)
        {
            s = s * 1103515245 + 12345;
            int noise = (int)((s >> 16) % 121) - 60;
            int b = 600 + noise, g = 450 + noise / 2;
            if (i % 9 == 4) b += 1600;
            if (i % 9 == 7) g += 2400;
            trace.Add(i * 55, b, g, 200, b + g, 100, 0, 60, 60);
            // Paper 3.2·10⁶ cps16 with shot-noise-sized scatter; every other event a blue marker stroke (2.5 % darker,
            // its colour 1.5 % bluer and 1.5 % less red than the paper's).
            bool marker = i % 18 == 4;
            int refl = 3_200_000 + noise * 100 - (marker ? 80_000 : 0);
            int chroma = Sweep.SweepTrace.PackChromaticity(2_000 + noise / 6 + (marker ? 150 : 0), 4_000 - noise / 6 - (marker ? 150 : 0));
            trace.SetReflectance(i, refl, 6_000, chroma);
        }
        trace.HasReflectance = true;
        return () => check.Run(trace, Sweep.FibreColours.Blue | Sweep.FibreColours.Green, true, result);
    }

    private static Action SpectrumAnalysis(string root, int layout)
    {
        var trace = new Sweep.SweepTrace(128);
        var spectral = new Sweep.SpectralTrace(128);
        var result = new Sweep.PhysicalCheckResult();
        var declared = new Sweep.DeclaredSpectra();
        Check(declared.Set(Sweep.FibreColours.Blue, new[] { 131, 547, 298, 24, 0, 0, 0 }), "blue template refused");
        Check(declared.Set(Sweep.FibreColours.Green, new[] { 0, 5, 208, 606, 173, 8, 0 }), "green template refused");
        uint s = 7;
        for (int i = 0; i < 70; i++)
        {
            s = s * 1103515245 + 12345;
            int noise = (int)((s >> 16) % 61) - 30;
            bool ev = i % 5 == 2;
            trace.Add(i * 43, 400 + noise + (ev ? 2000 : 0), 500 + noise + (ev ? 400 : 0), 300, 2000, 100, 0, 30, 30);
            spectral.Add(Sweep.SpectrumSampling.HalfFor(i, layout), 200 + noise + (ev ? 500 : 0), 450 - noise + (ev ? 1100 : 0), 30, 30);
            if (ev)
            {
                int e = result.EventCount++;
                result.EventStartMs[e] = i * 43; result.EventEndMs[e] = i * 43;
                result.EventColour[e] = Sweep.FibreColours.Blue;
            }
        }
        var check = new Sweep.SpectrumCheck(new Sweep.SpectrumSettings(), 128);
        var sr = new Sweep.SpectrumResult();
        return () =>
        {
            result.Verdict = Sweep.PhysicalVerdict.Consistent;
            result.ExpectedColours = Sweep.FibreColours.Blue | Sweep.FibreColours.Green;
            result.Reasons = 0;
            check.Apply(trace, spectral, declared, result, sr);
            if (sr.Status != Sweep.SpectrumResult.StatusChecked || sr.UsablePools == 0) Check(false, "spectrum not checked: " + sr.Summary());
        };
    }

    private static Action ColourSignatureAnalysis(string root)
    {
        var trace = new Sweep.SweepTrace(128);
        var result = new Sweep.PhysicalCheckResult();
        var declared = new Sweep.DeclaredColourShares();
        Check(declared.Set(Sweep.FibreColours.Blue, 0, 194, 806), "blue signature refused");
        Check(declared.Set(Sweep.FibreColours.Green, 27, 637, 336), "green signature refused");
        uint s = 7;
        for (int i = 0; i < 70; i++)
        {
            s = s * 1103515245 + 12345;
            int noise = (int)((s >> 16) % 61) - 30;
            bool ev = i % 5 == 2, green = i % 10 == 7;
            // Events alternate blue and green fibres (declared shares × 3000 cps16) on a UV-dull paper.
            int r = 100 + noise + (ev ? (green ? 81 : 0) : 0), g = 500 + noise + (ev ? (green ? 1911 : 582) : 0);
            int b = 400 + noise + (ev ? (green ? 1008 : 2418) : 0);
            trace.Add(i * 43, b, g, r, 2000, 100, 0, 30, 30);
            if (ev)
            {
                int e = result.EventCount++;
                result.EventStartMs[e] = i * 43; result.EventEndMs[e] = i * 43;
                result.EventColour[e] = green ? Sweep.FibreColours.Green : Sweep.FibreColours.Blue;
            }
        }
        var check = new Sweep.ColourSignatureCheck(new Sweep.ColourSignatureSettings(), 128);
        var cr = new Sweep.ColourSignatureResult();
        return () =>
        {
            result.Verdict = Sweep.PhysicalVerdict.Consistent;
            result.ExpectedColours = Sweep.FibreColours.Blue | Sweep.FibreColours.Green;
            result.Reasons = 0;
            check.Apply(trace, declared, result, cr);
            if (cr.Status != Sweep.ColourSignatureResult.StatusChecked || cr.JudgedColours == 0) Check(false, "signature not checked: " + cr.Summary());
        };
    }

    /// <summary>The track sweep of a dense sheet end to end on the device's side: the sampler's per-reading
    /// bookkeeping (normalisation, calibration, stuck/saturation checks, lamp checks; the sensor is faked, its bus time
    /// is hardware time), the extraction (baselines, smoothing, runs, centroids) and the match. 240 readings 12 ms
    /// apart at 40 mm/s: a mark every 400 ms, six crossings between consecutive marks (36), 36 registered events.</summary>
    private static Action FingerprintMatch(string root)
    {
        var (sensor, sampler, trace, extractor, events) = TrackRig();
        var registered = new Handheld.Core.Fingerprint.RegisteredFibres { MarkPitchUnits = 32, MarkCount = 7 };
        for (int k = 0; k < 6; k++)
            for (int f = 0; f < 6; f++) registered.Add(k * 32 + 7 + 4 * f, f % 2 == 0 ? Sweep.FibreColours.Blue : Sweep.FibreColours.Green, 1 + f % 2);
        var matcher = new Handheld.Core.Fingerprint.FingerprintMatcher(Handheld.Core.Fingerprint.FingerprintSettings.Default(), 320);
        var result = new Handheld.Core.Fingerprint.FingerprintResult();
        Action run = () =>
        {
            sensor.Readings = 0;
            Sweep.SamplerFault f = sampler.Sweep(trace, Handheld.Core.Fingerprint.TrackSamplerSettings.SweepMs);
            extractor.Run(trace, f, events);
            matcher.Run(events, registered, result);
        };
        run();
        Check(trace.Count >= 230 && events.MarkCount == 7 && result.MeasuredCount >= 30 && result.RegisteredCovered >= 30,
            "fingerprint workload: " + trace.Count + " samples, " + events.MarkCount + " marks, " + events.EventCount + " crossings; " + result.Summary());
        return run;
    }

    /// <summary>The fingerprint workload's sweep compared as the last of layout 2's four tracks: the matcher carries the
    /// evidence of three earlier tracks (set up once, not counted), so the decision convolves their distribution too.</summary>
    private static Action FingerprintLastTrack(string root)
    {
        var (sensor, sampler, trace, extractor, events) = TrackRig();
        var registered = new Handheld.Core.Fingerprint.RegisteredFibres { MarkPitchUnits = 32, MarkCount = 7, TrackCount = 4 };
        for (int t = 0; t < 4; t++)
            for (int k = 0; k < 6; k++)
                for (int f = 0; f < 6; f += 2)
                    if (t == 3 || (k < 3 && f == 0))   // three events each on tracks 0–2 (undecided alone), 18 on track 3
                        registered.AddOnTrack(t, k * 32 + 7 + 4 * f, f % 2 == 0 ? Sweep.FibreColours.Blue : Sweep.FibreColours.Green, 1 + f % 2);
        var matcher = new Handheld.Core.Fingerprint.FingerprintMatcher(Handheld.Core.Fingerprint.FingerprintSettings.Default(), 320);
        var result = new Handheld.Core.Fingerprint.FingerprintResult();
        sensor.Readings = 0;
        Check(sampler.Sweep(trace, Handheld.Core.Fingerprint.TrackSamplerSettings.SweepMs) == Sweep.SamplerFault.None, "track sweep");
        extractor.Run(trace, Sweep.SamplerFault.None, events);
        matcher.Reset();
        for (int t = 0; t < 3; t++) matcher.Run(events, registered, t, result);
        Check(matcher.TracksCombined == 3, "three tracks carried: " + result.Summary());
        Action run = () =>
        {
            sensor.Readings = 0;
            Sweep.SamplerFault f = sampler.Sweep(trace, Handheld.Core.Fingerprint.TrackSamplerSettings.SweepMs);
            extractor.Run(trace, f, events);
            matcher.Run(events, registered, 3, result);
        };
        run();
        Check(result.Track == 3 && result.TracksCombined == 3 && result.NextTrack == -1 && result.MeasuredCount >= 30,
            "layout-2 workload: " + result.Summary());
        return run;
    }

    /// <summary>The dense sheet's sensor, a prepared track sampler and the extraction's buffers.</summary>
    private static (TrackSensor, Handheld.Core.Fingerprint.TrackSampler, Sweep.SweepTrace, Handheld.Core.Fingerprint.TrackExtractor, Handheld.Core.Fingerprint.TrackEvents) TrackRig()
    {
        var clock = new TrackClock();
        var sensor = new TrackSensor(clock);
        var guard = new Sweep.UvLampGuard(new TrackLamp(), clock, new Sweep.LampLimits { ExpectedCurrentMa = 0 });
        var sampler = new Handheld.Core.Fingerprint.TrackSampler(sensor, guard, clock, null, new Handheld.Core.Fingerprint.TrackSamplerSettings());
        Check(sampler.Prepare() == Sweep.SamplerFault.None, "track sampler prepare");
        var extractor = new Handheld.Core.Fingerprint.TrackExtractor(
            Handheld.Core.Fingerprint.TrackExtractorSettings.For(Handheld.Core.Drivers.SensorKind.Tcs34725), 320);
        return (sensor, sampler, new Sweep.SweepTrace(320), extractor, new Handheld.Core.Fingerprint.TrackEvents());
    }

    private sealed class TrackClock : IMonotonicClock { public long NowMs { get; set; } }

    private sealed class TrackLamp : IUvLamp
    {
        public void SetDutyPermille(int dutyPermille) { }
        public bool TryReadCurrentMa(out int milliamps) { milliamps = 0; return false; }
    }

    /// <summary>Raw counts of the dense sheet at 40 mm/s (position = 40 mm/s × t − 6 mm): marks every 16 mm, crossings at
    /// the registered positions, alternately blue and green, on a 25-count baseline with a ±2-count ripple.</summary>
    private sealed class TrackSensor : Handheld.Core.Drivers.IFluorescenceSensor
    {
        private readonly TrackClock _clock;
        public int Readings;
        public TrackSensor(TrackClock clock) { _clock = clock; }
        public Handheld.Core.Drivers.SensorKind Kind => Handheld.Core.Drivers.SensorKind.Tcs34725;
        public Handheld.Core.Drivers.SensorStatus Initialise(int integrationTimeUs) => Handheld.Core.Drivers.SensorStatus.Ok;
        public int IntegrationTimeUs => 9600;
        public int FullScale => 4096;
        public int GainLevelCount => 4;
        public int GainLevel => 3;
        public int GainMilliAt(int level) => level == 3 ? 60000 : level == 2 ? 16000 : level == 1 ? 4000 : 1000;
        public Handheld.Core.Drivers.SensorStatus SetGainLevel(int level) => Handheld.Core.Drivers.SensorStatus.Ok;
        public Handheld.Core.Drivers.SensorStatus SetIntegrationTime(int integrationTimeUs) => Handheld.Core.Drivers.SensorStatus.Ok;
        public Handheld.Core.Drivers.SensorStatus StartIntegration() => Handheld.Core.Drivers.SensorStatus.Ok;
        public void PowerDown() { }
        public Handheld.Core.Drivers.SensorStatus ReadWhenReady(out Handheld.Core.Drivers.BandReading r)
        {
            _clock.NowMs += 12;
            double x = 40 * (Readings * 12 + 6) / 1000.0 - 6;
            Readings++;
            double mark = 0, blue = 0, green = 0;
            for (int k = 0; k < 7; k++) mark += Math.Exp(-0.5 * Math.Pow((x - 16 * k) / 1.2, 2));
            for (int k = 0; k < 6; k++)
                for (int f = 0; f < 6; f++)
                {
                    double g = Math.Exp(-0.5 * Math.Pow((x - (k * 32 + 7 + 4 * f) / 2.0) / 0.4, 2));
                    if (f % 2 == 0) blue += g; else green += g;
                }
            int ripple = Readings % 5 - 2;
            r = new Handheld.Core.Drivers.BandReading
            {
                Blue = (int)(25 + 60 * blue + 10 * green) + ripple, Green = (int)(25 + 60 * green + 15 * blue + 20 * mark) - ripple,
                Red = (int)(12 + 400 * mark) + ripple, Clear = (int)(80 + 80 * (blue + green) + 400 * mark), FullScale = 4096,
                GainMilli = 60000, IntegrationTimeUs = 9600,
            };
            return Handheld.Core.Drivers.SensorStatus.Ok;
        }
    }

    /// <summary>The matcher on a dense sheet (its cost grows with measured × registered events: the alignment table
    /// and the tails): marks every 9 samples, an event each 45 ms sample between them, 40 registered events.</summary>
    private static Action FingerprintMatchPhysical(string root)
    {
        var trace = new Sweep.SweepTrace(128);
        var detail = new Sweep.PhysicalCheckResult();
        for (int i = 0; i < 65; i++)
        {
            int red = (i - 2) % 9 == 0 && i <= 56 ? 6300 : 300;
            trace.Add(i * 45, 800, 600, red, 2000, 1000, 0);
            if (i > 2 && i < 56 && (i - 2) % 9 != 0 && (i - 2) % 9 != 1 && (i - 2) % 9 != 8 && detail.EventCount < Sweep.PhysicalCheckResult.MaxEvents)
            {
                int e = detail.EventCount++;
                detail.EventStartMs[e] = detail.EventEndMs[e] = i * 45;
                detail.EventColour[e] = i % 2 == 0 ? Sweep.FibreColours.Blue : Sweep.FibreColours.Green;
                detail.EventPeakBlue[e] = detail.EventPeakGreen[e] = 3000;
            }
        }
        var registered = new Handheld.Core.Fingerprint.RegisteredFibres { MarkPitchUnits = 32, MarkCount = 7 };
        for (int k = 0; k < 6; k++)
            for (int f = 0; f < 6; f++) registered.Add(k * 32 + 7 + 4 * f, (k * 32 + 7 + 4 * f) % 2 == 0 ? Sweep.FibreColours.Blue : Sweep.FibreColours.Green, 1 + f % 2);
        var matcher = new Handheld.Core.Fingerprint.FingerprintMatcher(Handheld.Core.Fingerprint.FingerprintSettings.Default(), 128);
        var result = new Handheld.Core.Fingerprint.FingerprintResult();
        matcher.Run(trace, detail, registered, result);
        Check(result.MeasuredCount >= 30 && result.RegisteredCovered >= 30, "fingerprint workload: " + result.Summary());
        return () => matcher.Run(trace, detail, registered, result);
    }

    /// <summary>The three tile zones as 70-sample traces: A dull paper, B brightened, C dull with blue and green fibres.
    /// Filling the trace stands for the sampler (hardware time, not Core analysis) and is not part of the count's subject.</summary>
    private sealed class FakeTile : Handheld.Core.Calibration.ITileSweep
    {
        public Handheld.Core.Drivers.SensorKind Kind => Handheld.Core.Drivers.SensorKind.Tcs34725;
        public bool InspectionRunning => false;

        public Sweep.SamplerFault SweepZone(int zone, Sweep.SweepTrace trace)
        {
            trace.Reset();
            uint s = 7;
            for (int i = 0; i < 70; i++)
            {
                s = s * 1103515245 + 12345;
                int noise = (int)((s >> 16) % 121) - 60;
                int b = (zone == 1 ? 16000 : 500) + noise, g = (zone == 1 ? 3800 : 400) + noise / 2;
                if (zone == 2 && i % 9 == 4) b += 1600;
                if (zone == 2 && i % 9 == 7) g += 2400;
                trace.Add(i * 43, b, g, 60, b + g, 100, 0, 60, 60);
            }
            return Sweep.SamplerFault.None;
        }
    }

    private static Action TileCalibrationStored(string root)
    {
        var tile = new FakeTile();
        var log = new RecordLog(new ArrayBlockStorage(64 * 1024), new byte[32]);
        log.Open();
        var service = new Handheld.Core.Calibration.CalibrationService(tile,
            new Handheld.Core.Calibration.TileCalibrator(tile, new Sweep.PhysicalCheck(Sweep.PhysicalCheckSettings.ForTcs34725(), 128), new Sweep.SweepTrace(128)),
            new Handheld.Core.Calibration.CalibrationStore(new ArrayBlockStorage(4096), 512, 640), new Wall(), Sweep.SensorCalibration.Identity(tile.Kind));
        service.AttachLog(log, Encoding.ASCII.GetBytes("HH-0001"), 1);
        service.Load();
        var w = new PayloadWriter(Frame.MaxPayload);
        Check(service.Calibrate(0, w) == ErrorCode.None && w.Buffer[0] == Handheld.Core.Calibration.CalibrationReport.Stored, "tile calibration not stored (warm-up)");
        return () =>
        {
            w.Reset();
            Check(service.Calibrate(0, w) == ErrorCode.None && w.Buffer[0] == Handheld.Core.Calibration.CalibrationReport.Stored, "tile calibration not stored");
        };
    }

    private static InspectionSummary Summary() => new()
    {
        Outcome = Outcome.Genuine,
        UnixSeconds = Now,
        ClockSource = ClockSource.AppSynced,
        LicenceNumber = Encoding.UTF8.GetBytes("（鲁）JZ安许证字[2023]087974"),
        PhysicalFinding = PhysicalFinding.Consistent,
        InspectorId = 4711,
        DurationMs = 15000,
    };

    private static RecordLogSink OpenSink()
    {
        var log = new RecordLog(new ArrayBlockStorage(64 * 1024), new byte[32]);
        var open = log.Open();
        Check(open == LogOpenResult.Formatted || open == LogOpenResult.Ok, "record log does not open: " + open);
        return new RecordLogSink(log, Encoding.ASCII.GetBytes("HH-0001"), 1);
    }

    private static Action RecordAppend(string root)
    {
        var sink = OpenSink();
        Check(sink.Append(Summary()), "record not stored (warm-up)");
        var summary = Summary();
        return () => Check(sink.Append(summary), "record not stored");
    }

    private static Action Boot(bool sealedSlots)
    {
        var l = BuildLists();
        IHmacSha256? hmac = sealedSlots ? new NativeHmacStandIn() : null;
        var rootSpki = l.Root.ExportSubjectPublicKeyInfo();
        byte[]? sealKey = sealedSlots ? SignedListStore.DeriveSealKey(hmac!, new byte[32], rootSpki) : null;
        var trustFlash = StoredList(l.TrustList, l.TrustList.Length, hmac, sealKey);
        var revocationFlash = StoredList(l.RevocationList, RevocationListBytes, hmac, sealKey);
        return () =>
        {
            var hash = new Sha256();
            var updater = new ListUpdater(new SignedListStore(trustFlash, hash, hmac!, sealKey!), new SignedListStore(revocationFlash, hash, hmac!, sealKey!),
                Engine, hash, SignatureAlgorithm.RsaPkcs1Sha256, rootSpki);
            var trust = new TrustStore(Engine, WantedBootKeys);
            int keys = TrustStoreLoader.Load(updater.TrustList, trust);
            Check(keys == l.Keys, "boot loaded " + keys + " keys of " + l.Keys);
            Check(updater.Revocations.IsLoaded && updater.Revocations.EntryCount == l.RevocationEntries, "revocation list not loaded at boot");
        };
    }

    private static Action BootSealed(string root) => Boot(true);

    private static Action BootHashed(string root) => Boot(false);

    // The issue's 64-key trust list exceeds the 16 KB list format (48 keys fit, the boot rows): the store's part
    // of boot, counted for 64 keys from a decoded list.
    private static Action TrustLoad64(string root)
    {
        var entries = new TrustListEntry[64];
        for (int i = 0; i < entries.Length; i++) entries[i] = Entry(RSA.Create(2048), TrustListEntry.UsageLicences, "k" + i);
        var list = new TrustList { Version = 7, IssuedAtUnix = Now - 86400, LifetimeSeconds = 86400 * 90, Entries = entries };
        var trust = new TrustStore(Engine, entries.Length);
        return () => Check(TrustStoreLoader.Load(list, trust) == entries.Length, "not all 64 keys loaded");
    }

    private static Action BleSession(string root) => () => GC.KeepAlive(new LinkSession(null!, null!));

    // ---- one inspection through the controller -----------------------------------------------------------------

    private sealed class Clock : IMonotonicClock { public long NowMs { get; set; } }

    private sealed class Wall : IWallClock
    {
        public bool TryRead(out long unixSeconds, out ClockSource source)
        {
            unixSeconds = Now;
            source = ClockSource.AppSynced;
            return true;
        }
    }

    private sealed class Scanner : IScannerSource
    {
        private readonly byte[] _text;
        private long _at = -1;
        public Scanner(byte[] text) { _text = text; }
        public void Trigger(long nowMs) { _at = nowMs; }
        public ScanStatus Poll(long nowMs) => _at >= 0 && nowMs - _at >= 400 ? ScanStatus.Scanned : ScanStatus.Pending;
        public byte[] TextBuffer => _text;
        public int TextLength => _text.Length;
        public void Stop() { _at = -1; }
    }

    private sealed class Physical : IPhysicalCheck
    {
        private long _start;
        private PhysicalResult? _result;
        public void Begin(long nowMs, int expectedProfile, PhysicalResult result) { _start = nowMs; _result = result; }
        public bool Step(long nowMs)
        {
            if (_result == null) return true;
            if (nowMs - _start < 3000) return false;
            _result.Finding = PhysicalFinding.Consistent;
            _result.Samples = 70;
            return true;
        }
        public void Abort() { _result = null; }
    }

    private sealed class Indicator : IIndicator
    {
        public void SetLed(LedColour colour, LedMode mode) { }
        public void Beep(BeepPattern pattern) { }
        public void ShowText(string line1, string line2) { }
    }

    private sealed class Buttons : IButtonInput
    {
        public readonly bool[] Pressed = new bool[2];
        public int Count => 2;
        public bool IsPressed(int index) => Pressed[index];
    }

    private static Action Inspection(string root) => Inspection(false);

    // Issue 12's allocation goal counts the BLE session buffers: the session is allocated inside the count and
    // kept reachable, so "peak live" is what an inspection needs with the phone connected.
    private static Action InspectionWithBle(string root) => Inspection(true);

    private static Action Inspection(bool ble)
    {
        var l = BuildLists();
        var verifier = new LicenceVerifier(IssuerStore(l.Issuer), AttachedRevocations(l));
        var qr = QrText(l.Issuer);
        Check(verifier.Verify(qr, 0, qr.Length, null!, Now, ClockSource.AppSynced).Status == LicenceStatus.Valid, "licence not valid (warm-up)");
        var sink = OpenSink();
        Check(sink.Append(Summary()), "record not stored (warm-up)");
        var clock = new Clock();
        var buttons = new Buttons();
        var controller = new InspectionController(clock, new Wall(), new Scanner(qr), new LicenceDigitalCheck(verifier), new Physical(),
            sink, new Indicator(), new ButtonPanel(buttons), new InspectionSettings());
        void Run(long ms) { for (long t = 0; t < ms; t += 10) { clock.NowMs += 10; controller.Tick(); } }
        void Press() { buttons.Pressed[0] = true; Run(100); buttons.Pressed[0] = false; Run(60); }
        return () =>
        {
            LinkSession? session = ble ? new LinkSession(null!, null!) : null;
            Press();
            for (int i = 0; i < 2000 && controller.State != InspectionState.Prompting; i++) Run(10);
            for (int i = 0; i < 20 && controller.State == InspectionState.Prompting; i++) Press();
            for (int i = 0; i < 2000 && controller.State != InspectionState.Verdict; i++) Run(10);
            Check(controller.State == InspectionState.Verdict && controller.LastOutcome == Outcome.Genuine,
                "inspection ended " + InspectionStateNames.Of(controller.State) + " / " + OutcomeNames.Of(controller.LastOutcome));
            GC.KeepAlive(session);
        };
    }
}
