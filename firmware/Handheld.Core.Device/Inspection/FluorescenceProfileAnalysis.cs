using Handheld.Core.Fluorescence;

namespace Handheld.Core.Inspection
{
    /// <summary>Bits of <see cref="DigitalResult.PhysicalProfile"/>: the physical features the licence declares.
    /// Fibre colours use Fluorescence.FibreColours values (Blue 1, Green 2, Red 4).</summary>
    public static class ProfileBits
    {
        public const int FibreColourMask = FibreColours.Blue | FibreColours.Green | FibreColours.Red;
        /// <summary>The sheet is UV-dull security paper (no optical brightener).</summary>
        public const int UvDullPaper = 8;
        /// <summary>The sheet carries the micro-text line with the licence number.</summary>
        public const int MicroText = 16;
    }

    /// <summary>
    /// <see cref="IFluorescenceAnalysis"/> over Fluorescence.PhysicalCheck: paper class and fibre events against
    /// the declared profile, mapped onto the verdict's physical finding. Allocation-free per sweep.
    /// </summary>
    public sealed class FluorescenceProfileAnalysis : IFluorescenceAnalysis
    {
        private readonly PhysicalCheck _check;
        private readonly PhysicalCheckResult _detail = new PhysicalCheckResult();

        public FluorescenceProfileAnalysis(PhysicalCheck check) { _check = check; }

        /// <summary>The full analysis of the last sweep (events, thresholds, reasons) for logs and records.</summary>
        public PhysicalCheckResult Detail { get { return _detail; } }

        public void Analyse(SweepTrace trace, int expectedProfile, PhysicalResult result)
        {
            _check.Run(trace, expectedProfile & ProfileBits.FibreColourMask, (expectedProfile & ProfileBits.UvDullPaper) != 0, _detail);
            result.DetailCode = _detail.Reasons;
            result.BackgroundBlue = _detail.BackgroundBlue;
            result.FibresBlue = _detail.BlueEvents;
            result.FibresGreen = _detail.GreenEvents;
            result.FibresRed = _detail.RedEvents;
            switch (_detail.Verdict)
            {
                case PhysicalVerdict.Consistent: result.Finding = PhysicalFinding.Consistent; break;
                case PhysicalVerdict.Inconsistent: result.Finding = PhysicalFinding.Inconsistent; break;
                default:
                    result.Finding = (_detail.Reasons & PhysicalReason.SensorFault) != 0 ? PhysicalFinding.SensorFault : PhysicalFinding.Inconclusive;
                    break;
            }
        }
    }
}
