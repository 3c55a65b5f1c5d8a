using System;
using System.Device.Adc;
using System.Device.Gpio;
using System.Device.Pwm;
using Handheld.Core.Ports;

namespace Handheld.Firmware.Adapters
{
    /// <summary>
    /// The 365 nm LED's constant-current driver, dimmed by PWM on its DIM/EN input. Core (the sampler's lamp
    /// guard) decides duty and on-time; this adapter only switches. Two safety layers sit below Core:
    /// the window lever switch is wired in series with DIM/EN (hardware interlock: no light unless the
    /// window rests on a sheet) and this adapter refuses a non-zero duty while the switch reads open.
    /// </summary>
    public sealed class PwmUvLamp : IUvLamp, IDisposable
    {
        /// <summary>0.5 Ω shunt × INA180A1 gain 20 → 10 mV per mA at the ADC pin (hardware/bom.md #5).</summary>
        private const int MicrovoltsPerMa = 10000;
        private const int AdcFullScaleMicrovolts = 3300000;

        private readonly PwmChannel _pwm;
        private readonly AdcChannel _sense;
        private readonly int _adcMax;
        private readonly GpioPin _windowContact;

        public PwmUvLamp(PwmChannel pwm, AdcController adc, int senseChannel, GpioPin windowContact)
        {
            _pwm = pwm;
            _pwm.DutyCycle = 0;
            _pwm.Start();
            _sense = adc.OpenChannel(senseChannel);
            _adcMax = adc.MaxValue;
            _windowContact = windowContact;
        }

        /// <summary>True while the window lever switch is closed (active low).</summary>
        public bool WindowOnSheet { get { return _windowContact.Read() == PinValue.Low; } }

        public void SetDutyPermille(int dutyPermille)
        {
            if (dutyPermille < 0) dutyPermille = 0;
            if (dutyPermille > 1000) dutyPermille = 1000;
            if (dutyPermille > 0 && !WindowOnSheet) dutyPermille = 0;
            _pwm.DutyCycle = dutyPermille / 1000.0;
        }

        public bool TryReadCurrentMa(out int milliamps)
        {
            milliamps = 0;
            if (_adcMax <= 0) return false;
            int raw = _sense.ReadValue();
            long microvolts = (long)raw * AdcFullScaleMicrovolts / _adcMax;
            // The RC filter averages the PWM-chopped current: this is the mean current, which is what Core's
            // lamp guard compares with ExpectedCurrentMa × duty. With the window off the sheet the interlock
            // opens the LED circuit, so the reading is ~0 and the guard reports a current fault.
            milliamps = (int)(microvolts / MicrovoltsPerMa);
            return true;
        }

        public void Dispose()
        {
            _pwm.DutyCycle = 0;
            _pwm.Stop();
            _pwm.Dispose();
            _sense.Dispose();
        }
    }
}
