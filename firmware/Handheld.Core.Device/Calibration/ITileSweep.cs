using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Calibration
{
    /// <summary>
    /// The measuring head as tile calibration sees it: guides the inspector over one zone of the calibration
    /// tile and sweeps it (the firmware prompts and waits for the window switch; the simulator swaps the
    /// emulated sheet). Sweeps run through the device's own sampler with its dark offsets and **unit gains**, so
    /// gains can be derived from the readings; the sampler's in-force calibration is restored afterwards.
    /// </summary>
    public interface ITileSweep
    {
        /// <summary>The fitted colour sensor (the nominal levels and thresholds depend on it).</summary>
        SensorKind Kind { get; }

        /// <summary>True while an inspection runs: the sampler is in use and calibration is refused (Busy).</summary>
        bool InspectionRunning { get; }

        /// <summary>Sweeps zone <paramref name="zone"/> (<see cref="TileZone.A"/>…<see cref="TileZone.C"/>) into
        /// <paramref name="trace"/>; returns the sampler's fault (None when the trace is complete).</summary>
        SamplerFault SweepZone(int zone, SweepTrace trace);
    }
}
