using System.Threading;
using Handheld.Core.Calibration;
using Handheld.Core.Drivers;
using Handheld.Core.Fluorescence;
using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Firmware.Adapters
{
    /// <summary>
    /// <see cref="ITileSweep"/> on the HH-1: prompts for each tile zone on the display, waits for the window switch
    /// (device on the tile, at most <see cref="PlaceTimeoutMs"/>), then sweeps with the inspection's sampler at unit
    /// gains and restores its calibration. Runs on the BLE thread under the data gate; <see cref="Calibrating"/>
    /// keeps the main loop from starting an inspection meanwhile, and a running inspection makes calibration Busy.
    /// </summary>
    public sealed class TileSweep : ITileSweep
    {
        public const int PlaceTimeoutMs = 20000;
        private static readonly string[] Prompts = { "Zone A (dull)", "Zone B (bright)", "Zone C (fibres)" };

        private readonly Board _board;
        private readonly SweepStage _stage;
        private readonly SensorCalibration _unitGains;

        public TileSweep(Board board, SweepStage stage)
        {
            _board = board;
            _stage = stage;
            _unitGains = SensorCalibration.Identity(stage.Sensor.Kind);
        }

        /// <summary>The controller whose state says whether an inspection runs (set once it exists).</summary>
        public InspectionController Controller;

        /// <summary>True from the first zone prompt until the last sweep ends: the main loop does not tick the controller.</summary>
        public bool Calibrating { get; private set; }

        public SensorKind Kind { get { return _stage.Sensor.Kind; } }

        public bool InspectionRunning
        {
            get { return Controller != null && Controller.State != InspectionState.Idle; }
        }

        public SamplerFault SweepZone(int zone, SweepTrace trace)
        {
            Calibrating = true;
            FluorescenceSampler sampler = _stage.Sampler;
            SensorCalibration inForce = sampler.Calibration;
            try
            {
                _board.Indicator.ShowText("Calibration", "place on " + Prompts[zone]);
                _board.Indicator.Beep(BeepPattern.Prompt);
                long deadline = _board.Clock.NowMs + PlaceTimeoutMs;
                while (!_board.Lamp.WindowOnSheet)
                {
                    if (_board.Clock.NowMs >= deadline)
                    {
                        trace.Reset();
                        return SamplerFault.NotPrepared;
                    }
                    Thread.Sleep(20);
                }
                _board.Indicator.ShowText("Calibration", "sweep " + Prompts[zone]);
                sampler.Calibration = _unitGains;
                SamplerFault f = sampler.Prepare();
                if (f != SamplerFault.None)
                {
                    trace.Reset();
                    return f;
                }
                return sampler.Sweep(trace, SweepStage.SweepMs);
            }
            finally
            {
                sampler.Calibration = inForce;
                if (zone == TileZone.C) Calibrating = false;
            }
        }
    }
}
