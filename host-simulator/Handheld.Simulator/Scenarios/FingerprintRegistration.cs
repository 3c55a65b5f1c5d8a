using Handheld.Core.Fingerprint;
using Handheld.Core.Licensing;
using Handheld.Sdk.Licensing;
using Handheld.Simulator.Physics;

namespace Handheld.Simulator.Scenarios;

/// <summary>
/// Registers a sheet's fingerprint as the issuer would, for either layout: render the UV scan of each track
/// (TrackScanImage), read them with FibreScan (1 scan: layout 1; 4: layout 2), encode the field, decode it through the
/// licence codec's FibreFingerprint.TryDecode and fill the device's RegisteredFibres from the decoded field, so the
/// matcher sees exactly what a licence carries.
/// </summary>
public static class FingerprintRegistration
{
    /// <summary>Registers tracks 0 … <paramref name="tracks"/> − 1 of <paramref name="sheet"/> (1 or 4 tracks).</summary>
    public static (FibreScanResult Scan, RegisteredFibres Registered) Register(SheetModel sheet, int tracks)
    {
        if (tracks != 1 && tracks != FibreFingerprint.Layout2Tracks)
            throw new ArgumentOutOfRangeException(nameof(tracks), tracks, "1 (layout 1) or 4 (layout 2) tracks");
        var images = new List<SkiaSharp.SKBitmap>(tracks);
        FibreScanResult scan;
        try
        {
            for (int t = 0; t < tracks; t++) images.Add(TrackScanImage.Render(sheet, t));
            scan = FibreScan.Read(images);
        }
        finally
        {
            foreach (var image in images) image.Dispose();
        }
        byte[] field = scan.FieldValue;
        if (FibreFingerprint.TryDecode(field, 0, field.Length, out var decoded) != LicenceStatus.Valid)
            throw new InvalidOperationException("the registered field does not decode");
        var registered = new RegisteredFibres();
        Handheld.Core.Inspection.LicenceDigitalCheck.FibresOf(decoded, registered);
        return (scan, registered);
    }
}
