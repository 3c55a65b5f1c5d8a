namespace Handheld.Simulator.Physics;

/// <summary>
/// Where the head is over the sheet at a time: a hand sweep along +x with speed wobble, slight lateral drift,
/// tilt and occasional lift-off. Before the sweep starts the head rests at the start point (auto gain runs there).
/// All shapes are ASSUMPTIONS about how inspectors move (see README).
/// </summary>
public sealed class SweepTrajectory
{
    private readonly double _y0, _v, _heading, _wobblePeriod, _wobblePhase, _tilt, _tiltWobble, _ramp, _lateral, _midS;
    private readonly (double Start, double Length, double Height)[] _lifts;

    private double _x0;

    public long StartUs { get; set; }
    public double MeanSpeedMmPerS => _v;

    public SweepTrajectory(SweepSpec spec, Random rng)
    {
        _x0 = 25 + 15 * rng.NextDouble();
        _y0 = 50 + 200 * rng.NextDouble();
        _v = Math.Max(10, spec.SpeedMmPerS + spec.SpeedSdMmPerS * SheetModel.Normal(rng));
        _heading = (rng.NextDouble() - 0.5) * 0.2;                      // ±6°
        _wobblePeriod = 0.6 + 0.6 * rng.NextDouble();
        _wobblePhase = rng.NextDouble() * 2 * Math.PI;
        _tilt = Math.Abs(spec.TiltDeg + spec.TiltSdDeg * SheetModel.Normal(rng));
        _tiltWobble = 0.3 * _tilt;
        double seconds = spec.DurationMs / 1000.0;
        int n = SheetModel.Poisson(rng, spec.LiftOffsPerS * seconds);
        _lifts = new (double, double, double)[n];
        for (int i = 0; i < n; i++)
            _lifts[i] = (rng.NextDouble() * seconds, 0.1 + 0.2 * rng.NextDouble(), spec.LiftOffMm * (0.5 + rng.NextDouble()));
        _lateral = 0.8;
        if (spec.Guided)
        {
            // Edge guide against the sheet's bottom edge: start 4–8 mm before the start mark, on the track line.
            // Drawn after everything above, so unguided sweeps of the same seed are unchanged.
            double lead = 4 + 4 * rng.NextDouble();
            double across = 0.3 * (2 * rng.NextDouble() - 1);
            FibreTrack.Point(spec.Track, -lead, across, out double gx, out double gy);
            _x0 = gx;
            _y0 = gy;
            FibreTrack.Origin(spec.Track, out _, out _, out _, out double ty);
            _alongY = ty > 0.5;
            _heading = (rng.NextDouble() - 0.5) * 0.017 + (_alongY ? Math.PI / 2 : 0);   // ±0.5°
            _lateral = 0.1;
        }
        _ramp = spec.SpeedRampPerS;
        _midS = seconds / 2;
        _backAndForth = spec.BackAndForth;
        if (spec.StartXMm is { } sx) _x0 = sx;
    }

    private readonly bool _backAndForth;
    /// <summary>A guided sweep along a track on a side edge (towards +y): the lateral play is along x.</summary>
    private readonly bool _alongY;

    /// <summary>Head state at virtual time <paramref name="us"/>.</summary>
    public void At(long us, out double x, out double y, out double heading, out double tiltDeg, out double liftMm)
    {
        double t = Math.Max(0, (us - StartUs) / 1e6);
        double w = 2 * Math.PI / _wobblePeriod;
        // speed v(1 + 0.2 sin(wt + φ)); distance is its integral.
        double s = _v * (t + 0.2 / w * (Math.Cos(_wobblePhase) - Math.Cos(w * t + _wobblePhase)));
        // Speed ramp: v(1 + a(t − T/2)) adds v·a·(t² − T·t)/2, floored so the head never runs backwards.
        if (_ramp != 0) s = Math.Max(0.1 * _v * t, s + _v * _ramp * (t * t - 2 * _midS * t) / 2);
        // Back and forth: at the middle the hand turns and retraces the line at the same speed profile.
        if (_backAndForth && t > _midS) s = 2 * Distance(_midS, w) - s;
        heading = _heading;
        x = _x0 + s * Math.Cos(_heading);
        y = _y0 + s * Math.Sin(_heading);
        if (_alongY) x += _lateral * Math.Sin(0.5 * w * t);
        else y += _lateral * Math.Sin(0.5 * w * t);
        tiltDeg = _tilt + _tiltWobble * Math.Sin(w * t);
        liftMm = 0;
        foreach (var l in _lifts)
        {
            double u = (t - l.Start) / l.Length;
            if (u > 0 && u < 1) liftMm = Math.Max(liftMm, l.Height * 0.5 * (1 - Math.Cos(2 * Math.PI * u)));
        }
    }

    private double Distance(double t, double w)
    {
        double s = _v * (t + 0.2 / w * (Math.Cos(_wobblePhase) - Math.Cos(w * t + _wobblePhase)));
        if (_ramp != 0) s = Math.Max(0.1 * _v * t, s + _v * _ramp * (t * t - 2 * _midS * t) / 2);
        return s;
    }
}
