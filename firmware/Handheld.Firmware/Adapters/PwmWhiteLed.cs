using System;
using System.Device.Pwm;
using Handheld.Core.Ports;

namespace Handheld.Firmware.Adapters
{
    /// <summary>
    /// The 4000 K daylight LED beside the UV LED: series resistor and an N-MOSFET low-side switch (the same kind
    /// as the UV driver's), gate driven by LEDC PWM. Core's sampler decides duty and timing (one 7.2 ms reading
    /// per sample); this adapter only switches. A visible LED at this current is eye-safe, so there is no
    /// interlock; a dead or stuck LED is found by the analysis from the reflectance itself (DaylightLedFault).
    /// </summary>
    public sealed class PwmWhiteLed : IWhiteLed, IDisposable
    {
        private readonly PwmChannel _pwm;

        public PwmWhiteLed(PwmChannel pwm)
        {
            _pwm = pwm;
            _pwm.DutyCycle = 0;
            _pwm.Start();
        }

        public void SetDutyPermille(int dutyPermille)
        {
            if (dutyPermille < 0) dutyPermille = 0;
            if (dutyPermille > 1000) dutyPermille = 1000;
            _pwm.DutyCycle = dutyPermille / 1000.0;
        }

        public void Dispose()
        {
            _pwm.DutyCycle = 0;
            _pwm.Stop();
            _pwm.Dispose();
        }
    }
}
