using Handheld.Core.Calibration;
using Handheld.Core.Ports;

namespace Handheld.Core.Records
{
    /// <summary>
    /// The CALIBRATION record kind (docs/record-format.md §1.2): outcome byte <see cref="Kind"/> says the device
    /// measured its calibration tile. Written for every measurement (stored or refused) before anything is
    /// stored, so an auditor sees every gain that ever applied and every refused attempt (an ageing lamp, a
    /// wrong tile). Figures, exactly these and in this order: status, limits, number, sensor kind, gains
    /// blue/green/red (permille), zone A blue/green/red, zone B blue/green/red (cps16), zone C blue and green
    /// fibre events. No licence, reasons, inspector or checks.
    /// </summary>
    public static class CalibrationRecord
    {
        /// <summary>Outcome byte of a calibration record (inspection verdicts are 0–5, CLOCK_CHANGE 0xC0).</summary>
        public const byte Kind = 0xC1;
        /// <summary>Figure: 0 stored (in force from now), 1 out of limits (the previous calibration kept).</summary>
        public const ushort FigureStatus = 0xC101;
        /// <summary>Figure: <see cref="CalibrationLimits"/> flags.</summary>
        public const ushort FigureLimits = 0xC102;
        /// <summary>Figure: number of the calibration in force after this record (the new one, or the kept one; 0 = none).</summary>
        public const ushort FigureNumber = 0xC103;
        /// <summary>Figure: Drivers.SensorKind of the fitted sensor.</summary>
        public const ushort FigureSensor = 0xC104;
        public const ushort FigureGainBlue = 0xC105, FigureGainGreen = 0xC106, FigureGainRed = 0xC107;
        public const ushort FigureABlue = 0xC108, FigureAGreen = 0xC109, FigureARed = 0xC10A;
        public const ushort FigureBBlue = 0xC10B, FigureBGreen = 0xC10C, FigureBRed = 0xC10D;
        public const ushort FigureCBlueEvents = 0xC10E, FigureCGreenEvents = 0xC10F;
        public const int FigureCount = 15;

        /// <summary>Fills <paramref name="r"/> (cleared first) from a measured calibration.</summary>
        public static void Fill(InspectionRecord r, byte[] deviceId, uint firmwareVersion, long unix, ClockSource clock,
            bool stored, uint numberInForce, TileCalibration c)
        {
            r.Clear();
            r.UnixSeconds = unix;
            r.Clock = clock;
            r.SetDeviceId(deviceId, 0, deviceId.Length);
            r.Outcome = Kind;
            r.FirmwareVersion = firmwareVersion;
            TileZone a = c.Zones[TileZone.A], b = c.Zones[TileZone.B], z = c.Zones[TileZone.C];
            r.AddFigure(FigureStatus, stored ? 0 : 1);
            r.AddFigure(FigureLimits, c.Limits);
            r.AddFigure(FigureNumber, (int)numberInForce);
            r.AddFigure(FigureSensor, (int)c.Kind);
            r.AddFigure(FigureGainBlue, c.GainBluePermille);
            r.AddFigure(FigureGainGreen, c.GainGreenPermille);
            r.AddFigure(FigureGainRed, c.GainRedPermille);
            r.AddFigure(FigureABlue, a.Blue);
            r.AddFigure(FigureAGreen, a.Green);
            r.AddFigure(FigureARed, a.Red);
            r.AddFigure(FigureBBlue, b.Blue);
            r.AddFigure(FigureBGreen, b.Green);
            r.AddFigure(FigureBRed, b.Red);
            r.AddFigure(FigureCBlueEvents, z.BlueEvents);
            r.AddFigure(FigureCGreenEvents, z.GreenEvents);
        }

        public static bool Is(InspectionRecord r) { return r.Outcome == Kind; }

        /// <summary>The shape rule the codec enforces for this kind: the fifteen figures in order, status 0 or 1,
        /// nothing else.</summary>
        public static bool IsWellFormed(InspectionRecord r)
        {
            if (r.LicenceLength != 0 || r.ReasonCount != 0 || r.InspectorIdLength != 0 || r.CheckCount != 0) return false;
            if (r.FigureCount != FigureCount) return false;
            for (int i = 0; i < FigureCount; i++) if (r.FigureTags[i] != FigureStatus + i) return false;
            return r.FigureValues[0] == 0 || r.FigureValues[0] == 1;
        }
    }
}
