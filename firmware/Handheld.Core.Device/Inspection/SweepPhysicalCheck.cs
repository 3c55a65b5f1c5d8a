using Handheld.Core.Fingerprint;
using Handheld.Core.Fluorescence;

namespace Handheld.Core.Inspection
{
    /// <summary>
    /// Judges a finished sweep: paper background and fibre events against the licence's declared profile.
    /// Implemented over the fluorescence analysis; fills the finding and figures of the result passed to Analyse.
    /// </summary>
    public interface IFluorescenceAnalysis
    {
        void Analyse(SweepTrace trace, int expectedProfile, PhysicalResult result);
    }

    /// <summary>
    /// <see cref="IPhysicalCheck"/> over Fluorescence.FluorescenceSampler. The sampler measures synchronously
    /// (it waits through the sensor's integrations via IDelay), so preparation runs inside one
    /// <see cref="Step"/> and the whole sweep inside the next: on the device the signature check proceeds meanwhile on its worker thread; in the
    /// simulator the virtual clock advances by the sweep time and the check's device-time model sees it.
    /// Any sampler fault is a sensor fault or an inconclusive measurement, never "consistent".
    /// The trace is allocated once.
    /// </summary>
    public sealed class SweepPhysicalCheck : IPhysicalCheck, IGuidedSweep
    {
        private readonly FluorescenceSampler _sampler;
        private readonly IFluorescenceAnalysis _analysis;
        private readonly SweepTrace _trace;
        private readonly int _durationMs;
        private PhysicalResult _result;
        private int _profile;
        private bool _done;
        private bool _prepared;

        public SweepPhysicalCheck(FluorescenceSampler sampler, IFluorescenceAnalysis analysis, int traceCapacity, int durationMs)
        {
            _sampler = sampler;
            _analysis = analysis;
            _trace = new SweepTrace(traceCapacity);
            _durationMs = durationMs;
        }

        /// <summary>The last sweep's samples (for the record and diagnostics).</summary>
        public SweepTrace Trace { get { return _trace; } }

        /// <summary>The last sampler fault (None after a good sweep).</summary>
        public SamplerFault LastFault { get { return _sampler.LastFault; } }

        private TrackSampler _track;
        private FluorescenceProfileAnalysis _trackAnalysis;
        private SweepTrace _trackTrace;
        private bool _swept;
        private SamplerFault _physicalFault;

        /// <summary>Track mode: when the licence registers a fibre fingerprint, the physical sweep is followed by the
        /// guided sweep along the track, sampled by <paramref name="sampler"/> (lamp on throughout) and handed to
        /// <paramref name="analysis"/> (which must use track mode: FluorescenceProfileAnalysis.UseTrackSweep).</summary>
        public void UseTrackSweep(TrackSampler sampler, FluorescenceProfileAnalysis analysis, int traceCapacity)
        {
            _track = sampler;
            _trackAnalysis = analysis;
            _trackTrace = new SweepTrace(traceCapacity);
        }

        /// <summary>The last track sweep's samples (null without track mode).</summary>
        public SweepTrace TrackTrace { get { return _trackTrace; } }

        /// <summary>True after the physical sweep when a track sweep follows (the inspector is guided to the track).</summary>
        public bool AwaitingTrackSweep { get { return _swept && !_done; } }

        /// <summary>The fingerprint track the next Step sweeps (layout 2: 0 bottom, 1 top, 2 left, 3 right edge; the
        /// inspector is guided to it), −1 when none follows.</summary>
        public int NextTrack { get { return AwaitingTrackSweep ? _nextTrack : -1; } }

        private int _nextTrack;
        private bool _confirmed;
        private bool _skipTracks;
        private int _sweepsMade;

        /// <summary>On the device: every track sweep waits for the inspector's OK (<see cref="Confirm"/>) so that the
        /// device is on the next edge before the lamp comes on. Off (the default) the tracks follow one another at once
        /// (tests, scripted runs).</summary>
        public bool ConfirmEachTrack;

        public int AwaitingTrack { get { return ConfirmEachTrack && AwaitingTrackSweep && !_confirmed && !_skipTracks ? _nextTrack : -1; } }

        public int TrackCount { get { return _result != null && _result.Registered != null && _result.Registered.TrackCount > 0 ? _result.Registered.TrackCount : 1; } }

        public int SweepsMade { get { return _sweepsMade; } }

        private int _lastSweptTrack = -1;

        public bool AwaitingRepeat { get { int t = AwaitingTrack; return t >= 0 && t == _lastSweptTrack; } }

        public void Confirm()
        {
            if (AwaitingTrackSweep) _confirmed = true;
        }

        public void SkipRemainingTracks()
        {
            if (AwaitingTrackSweep) _skipTracks = true;
        }

        public void Begin(long nowMs, int expectedProfile, PhysicalResult result)
        {
            _swept = false;
            _nextTrack = -1;
            _confirmed = false;
            _skipTracks = false;
            _sweepsMade = 0;
            _lastSweptTrack = -1;
            _result = result;
            _profile = expectedProfile;
            _done = false;
            _prepared = false;
            _trace.Reset();
        }

        /// <summary>True after the sensor was prepared and before the sweep ran: the next Step measures.</summary>
        public bool ReadyToSweep { get { return _prepared && !_done; } }

        /// <summary>First call: sensor identity, configuration and auto gain (Prepare); second call: the sweep and
        /// its analysis. Splitting them lets the controller tick (buttons, timeouts) in between.</summary>
        public bool Step(long nowMs)
        {
            if (_done || _result == null) return true;
            if (!_prepared)
            {
                SamplerFault p = _sampler.Prepare();
                if (p != SamplerFault.None) return Finish(p);
                _prepared = true;
                return false;
            }
            if (!_swept)
            {
                SamplerFault f = _sampler.Sweep(_trace, _durationMs);
                _sweepsMade++;
                bool needsTrack = _track != null && f == SamplerFault.None && _result.Registered != null && _result.Registered.Count > 0;
                if (!needsTrack) return Finish(f);
                _swept = true;
                _physicalFault = f;
                _nextTrack = 0;
                return false;
            }
            // The guided sweep along a fingerprint track (its own Prepare: the integration time differs), compared at
            // once: layout 2 sweeps the next track until the evidence decides or every track has been swept.
            if (_skipTracks) return Finish(_physicalFault);
            if (ConfirmEachTrack && !_confirmed) return false;
            _confirmed = false;
            _sweepsMade++;
            SamplerFault tf = _track.Prepare();
            if (tf == SamplerFault.None) tf = _track.Sweep(_trackTrace, TrackSamplerSettings.SweepMs);
            int next = _trackAnalysis.CompareTrackSweep(_trackTrace, tf, _result.Registered, _nextTrack, _lastSweptTrack < 0);
            _lastSweptTrack = _nextTrack;
            if (next >= 0)
            {
                _nextTrack = next;
                return false;
            }
            return Finish(_physicalFault);
        }

        private bool Finish(SamplerFault f)
        {
            _done = true;
            _result.Samples = _trace.Count;
            _result.FingerprintTrackSweeps = _sweepsMade > 1 ? _sweepsMade - 1 : 0;
            if (f != SamplerFault.None)
            {
                _result.DetailCode = (int)f;
                _result.Finding = Classify(f);
                if (f == SamplerFault.LampFault) _result.Reasons |= VerdictReason.LampFault;
                return true;
            }
            _analysis.Analyse(_trace, _profile, _result);
            return true;
        }

        public void Abort()
        {
            // The sampler always leaves the lamp off when it returns; nothing runs between Steps.
            _done = true;
            _result = null;
        }

        /// <summary>Sampler fault → finding: hardware trouble is a sensor fault; conditions that a retry in
        /// better conditions can fix (ambient light, saturation, eye-safety budget) are inconclusive.</summary>
        public static PhysicalFinding Classify(SamplerFault f)
        {
            switch (f)
            {
                case SamplerFault.None: return PhysicalFinding.NotMeasured; // only the analysis may say consistent
                case SamplerFault.Saturated:
                case SamplerFault.AmbientTooHigh:
                case SamplerFault.LampLimit: return PhysicalFinding.Inconclusive;
                default: return PhysicalFinding.SensorFault;
            }
        }
    }
}
