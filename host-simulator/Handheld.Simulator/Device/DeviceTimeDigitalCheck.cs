using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Simulator.Device;

/// <summary>
/// Models the device's interpreter speed for the signature check: the wrapped check computes at host speed,
/// but its result is released only when the virtual clock reaches Begin + the estimated device time
/// (IL instruction count ÷ IL rate). This is what the ESP32 would show while its worker thread verifies.
/// </summary>
public sealed class DeviceTimeDigitalCheck(IDigitalCheck inner, long deviceMs) : IDigitalCheck
{
    private long _startMs = -1;
    private bool _innerDone;

    public long DeviceMs { get; set; } = deviceMs;

    /// <summary>IL instructions of one verification (see README: RSA-2048 e=65537 ≈ 2.0 M).</summary>
    public static long EstimateMs(long ilInstructions, double ilPerSecond) => (long)Math.Ceiling(ilInstructions * 1000.0 / ilPerSecond);

    public void Begin(byte[] qrText, int qrLength, long unixSeconds, ClockSource clockSource, DigitalResult result)
    {
        _startMs = -1;
        _innerDone = false;
        _pending = result;
        inner.Begin(qrText, qrLength, unixSeconds, clockSource, result);
    }

    private DigitalResult? _pending;

    public bool Step(long nowMs)
    {
        if (_startMs < 0) _startMs = nowMs;
        if (!_innerDone) _innerDone = inner.Step(nowMs);
        if (!_innerDone || nowMs - _startMs < DeviceMs)
        {
            // Keep the controller from seeing the host-speed result early.
            if (_pending != null && _pending.Completed && nowMs - _startMs < DeviceMs) { _held = true; _pending.Completed = false; }
            return false;
        }
        if (_held && _pending != null) { _pending.Completed = true; _held = false; }
        return true;
    }

    private bool _held;

    public void Abort() { inner.Abort(); _innerDone = false; _held = false; }
}
