using System.Runtime.Loader;
using Handheld.Core.Crypto;
using Handheld.Core.Inspection;
using Handheld.Core.Licensing;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;
using Handheld.Core.Records;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.DeviceText;

/// <summary>
/// The code paths the device runs on text, driven from bytes as the firmware drives them (the scanner's
/// bytes in; a record and a BLE event out), for <see cref="DeviceRuntime.RunBoth"/>. Arguments and results are
/// byte arrays, numbers and strings, which both load contexts share; the result is a one-line summary of
/// every observable outcome, so a test compares the two runtimes with one equality.
/// </summary>
public static class DeviceTextPaths
{
    /// <summary>True when this code runs in the device load context.</summary>
    public static bool OnDevice => AssemblyLoadContext.GetLoadContext(typeof(DeviceTextPaths).Assembly) != AssemblyLoadContext.Default;

    /// <summary>One inspection's digital part: QR bytes → LicenceDigitalCheck (envelope, payload, signature,
    /// dates, revocation with <paramref name="revocationList"/> when given) → record appended by RecordLogSink →
    /// InspectionEvent encoded for the app. Returns the verifier's stages, the verdict reasons, the licence
    /// number bytes the record holds, the display text's UTF-16 units and the event bytes.</summary>
    public static string Inspect(byte[] qr, byte[] spki, byte[]? revocationList, long now)
    {
        var store = new TrustStore(new ManagedSignatureEngine(), 4);
        store.TryAdd(new TrustedKey(KeyIdentifier.Compute(spki), SignatureAlgorithm.EcdsaP256Sha256, spki, 0, 4102444800,
            null!, null!, "test"));
        store.SetListInfo(1, now - 86400, now + 86400 * 30);
        RevocationIndex? revocations = null;
        if (revocationList != null)
        {
            var storage = new ArrayBlockStorage(revocationList);
            Assert.Equal(0, RevocationListHeader.Read(storage, 0, revocationList.Length, out var header));
            revocations = new RevocationIndex(new Sha256());
            revocations.Attach(storage, 0, header, null!, null!);
        }
        var check = new LicenceDigitalCheck(new LicenceVerifier(store, revocations));
        var digital = new DigitalResult();
        check.Begin(qr, qr.Length, now, ClockSource.AppSynced, digital);
        check.Step(0);
        var v = check.LastVerification;

        var summary = new InspectionSummary
        {
            Outcome = Verdict.Decide(digital.Reasons, digital.SignatureValid),
            Reasons = digital.Reasons,
            UnixSeconds = now,
            ClockSource = ClockSource.AppSynced,
            LicenceNumber = digital.LicenceNumber,
        };
        var log = new RecordLog(new ArrayBlockStorage(16 * 1024), new byte[32]);
        log.Open();
        var sink = new RecordLogSink(log, "HH-0001"u8.ToArray(), 1);
        string record;
        try
        {
            bool stored = sink.Append(summary);
            var buffer = new byte[RecordLog.MaxEntryBytes];
            int n = log.ReadRecord(log.LastSequence, buffer);
            var r = new InspectionRecord();
            record = stored && n > 0 && RecordCodec.Decode(buffer, 0, n, r) == RecordStatus.Ok
                ? Convert.ToHexString(r.LicenceNumber, 0, r.LicenceLength) : "not stored";
        }
        catch (Exception e)
        {
            record = "threw " + e.GetType().Name;
        }
        string display = DisplayUnits(digital.LicenceNumber);
        string sent;
        try
        {
            var w = new PayloadWriter(400);
            InspectionEvent.FromSummary(summary, log.LastSequence).Encode(w);
            sent = Convert.ToHexString(w.ToArray());
        }
        catch (Exception e)
        {
            sent = "threw " + e.GetType().Name;
        }
        return $"decode={v.Decode} payload={v.Payload} revocation={v.Revocation} status={v.Status} reasons={digital.Reasons} "
            + $"record={record} display={display} event={sent}";
    }

    /// <summary>PayloadWriter.Str8 of a text: the bytes sent, or the exception. On the device the text is first
    /// held as nanoCLR holds it (a string there can hold no NUL and no lone surrogate).</summary>
    public static string Str8(string text)
    {
        try
        {
            var w = new PayloadWriter(300);
            w.Str8(OnDevice ? DeviceString.Store(text) : text);
            return Convert.ToHexString(w.ToArray());
        }
        catch (Exception e)
        {
            return "threw " + e.GetType().Name;
        }
    }

    // The UTF-16 units of the micro-text prompt's licence number line, as the controller builds it.
    private static string DisplayUnits(object? number)
    {
        string? s = number switch
        {
            byte[] b => Handheld.Core.Text.Utf8.Decode(b, 0, b.Length),
            string t => t,
            _ => null,
        };
        return s == null ? "none" : string.Join(".", s.Select(c => ((int)c).ToString("X4")));
    }
}
