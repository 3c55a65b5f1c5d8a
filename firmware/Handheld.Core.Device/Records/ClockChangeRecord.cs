using Handheld.Core.Ports;

namespace Handheld.Core.Records
{
    /// <summary>
    /// The CLOCK_CHANGE record kind (docs/record-format.md §1.1): a record whose outcome byte is
    /// <see cref="Kind"/> says the wall clock was set. Its time and clock source are the new ones; two figures
    /// carry the time and source before the change. No licence, reasons, inspector or checks. It is sealed,
    /// chained and synced like an inspection, so an auditor sees every clock change in sequence order.
    /// </summary>
    public static class ClockChangeRecord
    {
        /// <summary>Outcome byte of a clock-change record (inspection verdicts are 0–5).</summary>
        public const byte Kind = 0xC0;
        /// <summary>Figure: the time before the change, Unix seconds as u32 (0 when the clock was unset).</summary>
        public const ushort FigurePreviousUnix = 0xC001;
        /// <summary>Figure: the <see cref="ClockSource"/> before the change.</summary>
        public const ushort FigurePreviousSource = 0xC002;

        /// <summary>Fills <paramref name="r"/> (cleared first) as a clock change from (previousUnix,
        /// previousSource) to (newUnix, newSource). Times are within RequestHandler's range (below 2³², so u32 holds them).</summary>
        public static void Fill(InspectionRecord r, byte[] deviceId, uint firmwareVersion,
            long previousUnix, ClockSource previousSource, long newUnix, ClockSource newSource)
        {
            r.Clear();
            r.UnixSeconds = newUnix;
            r.Clock = newSource;
            r.SetDeviceId(deviceId, 0, deviceId.Length);
            r.Outcome = Kind;
            r.AddFigure(FigurePreviousUnix, (int)(uint)(previousSource == ClockSource.Unset ? 0 : previousUnix));
            r.AddFigure(FigurePreviousSource, (int)previousSource);
            r.FirmwareVersion = firmwareVersion;
        }

        /// <summary>True when <paramref name="r"/> is a clock-change record.</summary>
        public static bool Is(InspectionRecord r) { return r.Outcome == Kind; }

        /// <summary>The shape rule the codec enforces for this kind: nothing but the two figures, in order,
        /// with a defined previous source.</summary>
        public static bool IsWellFormed(InspectionRecord r)
        {
            if (r.LicenceLength != 0 || r.ReasonCount != 0 || r.InspectorIdLength != 0 || r.CheckCount != 0) return false;
            if (r.FigureCount != 2 || r.FigureTags[0] != FigurePreviousUnix || r.FigureTags[1] != FigurePreviousSource) return false;
            int s = r.FigureValues[1];
            return s >= 0 && s <= (int)ClockSource.Factory;
        }

        /// <summary>Time before the change (0 when the clock was unset).</summary>
        public static long PreviousUnix(InspectionRecord r) { return (uint)r.FigureValues[0]; }

        /// <summary>Clock source before the change.</summary>
        public static ClockSource PreviousSource(InspectionRecord r) { return (ClockSource)r.FigureValues[1]; }
    }
}
