using System.Device.Adc;
using System.Device.Gpio;
using System.Device.Pwm;
using Handheld.Core.Records;
using Handheld.Firmware.Adapters;
using nanoFramework.Hardware.Esp32;

namespace Handheld.Firmware
{
    /// <summary>
    /// Opens every peripheral of the board once, in a safe order: lamp off first, then buses. Pin functions
    /// are routed with Configuration.SetPinFunction before the driver objects are created (ESP32: COM2 and
    /// PWM have no pins until assigned; I2C1 defaults to 18/19 but is set explicitly so PinMap stays the truth).
    /// </summary>
    public sealed class Board
    {
        /// <summary>Storage budget on the 256 KB littlefs "I:" drive (see README "Storage budget").</summary>
        public const int RecordSegments = 9;
        public const int RecordSegmentBytes = 16 * 1024;
        public const int TrustListBytes = 24 * 1024;
        public const int RevocationListBytes = 32 * 1024;
        public const int ConfigBytes = 4 * 1024;

        public readonly GpioController Gpio;
        public readonly PwmUvLamp Lamp;
        public readonly PwmWhiteLed WhiteLed;
        public readonly GpioButtons Buttons;
        public readonly GpioIndicator Indicator;
        public readonly UartSerialLink ScannerLink;
        public readonly GpioPin SensorInterrupt;
        public readonly FlashBlockStorage RecordStorage;
        public readonly FlashBlockStorage TrustStorage;
        public readonly FlashBlockStorage RevocationStorage;
        public readonly FlashBlockStorage ConfigStorage;
        public readonly DeviceMonotonicClock Clock = new DeviceMonotonicClock();
        public readonly AuditedClock WallClock = new AuditedClock(new DeviceRtc());
        public readonly HardwareRandom Random = new HardwareRandom();
        public readonly AdcController Adc;
        private readonly AdcChannel _battery;

        public Board()
        {
            Gpio = new GpioController();

            // UV lamp first: PWM at duty 0 and the window switch readable before anything else can fail.
            Configuration.SetPinFunction(PinMap.UvLampPwm, DeviceFunction.PWM1);
            PwmChannel lampPwm = PwmChannel.CreateFromPin(PinMap.UvLampPwm, PinMap.UvLampPwmHz, 0);
            GpioPin window = Gpio.OpenPin(PinMap.WindowContact, PinMode.InputPullUp);
            Adc = new AdcController();
            Lamp = new PwmUvLamp(lampPwm, Adc, PinMap.UvLampCurrentAdcChannel, window);
            _battery = Adc.OpenChannel(PinMap.BatteryAdcChannel);
            // Daylight LED next, also off (its gate has a 100 kΩ pull-down, so it stays dark until the PWM runs).
            Configuration.SetPinFunction(PinMap.WhiteLedPwm, DeviceFunction.PWM3);
            WhiteLed = new PwmWhiteLed(PwmChannel.CreateFromPin(PinMap.WhiteLedPwm, PinMap.WhiteLedPwmHz, 0));

            Configuration.SetPinFunction(PinMap.I2cSda, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(PinMap.I2cScl, DeviceFunction.I2C1_CLOCK);

            Configuration.SetPinFunction(PinMap.ScannerTx, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(PinMap.ScannerRx, DeviceFunction.COM2_RX);
            ScannerLink = new UartSerialLink(PinMap.ScannerPort, PinMap.ScannerBaud);
            // The GM65's TRIG is tied high on the connector (scans are started by UART command); its old pin,
            // GPIO25, drives the daylight LED.

            SensorInterrupt = Gpio.OpenPin(PinMap.SensorInterrupt, PinMode.Input);

            Buttons = new GpioButtons(Gpio, PinMap.ButtonOk, PinMap.ButtonNo);
            Configuration.SetPinFunction(PinMap.Buzzer, DeviceFunction.PWM2);
            Indicator = new GpioIndicator(Gpio, PinMap.LedRed, PinMap.LedGreen, PinMap.LedBlue,
                PwmChannel.CreateFromPin(PinMap.Buzzer, PinMap.BuzzerHz, 0));

            RecordStorage = new FlashBlockStorage("I:\\rec", RecordSegments, RecordSegmentBytes);
            // Signed lists: SignedListStore splits its storage into two equal A/B slots (Capacity / 2 each);
            // one segment file per slot, so staging a new list never rewrites the file of the list in force.
            TrustStorage = new FlashBlockStorage("I:\\trust", 2, TrustListBytes / 2);
            RevocationStorage = new FlashBlockStorage("I:\\revoc", 2, RevocationListBytes / 2);
            ConfigStorage = new FlashBlockStorage("I:\\config", 1, ConfigBytes);
        }

        /// <summary>Opens an I2C device on the sensor bus.</summary>
        public I2cRegisterBus OpenI2c(int address) { return new I2cRegisterBus(PinMap.I2cBus, address); }

        /// <summary>Battery voltage in millivolts (100 k/100 k divider, 3.3 V full scale at 11 dB attenuation).</summary>
        public int BatteryMillivolts()
        {
            long raw = _battery.ReadValue();
            return (int)(raw * 3300 * 2 / Adc.MaxValue);
        }

        /// <summary>
        /// Light sleep until OK is pressed (GPIO13 low) or 60 s pass; RAM and the managed state survive.
        /// </summary>
        public void IdleSleep()
        {
            Sleep.EnableWakeupByPin(Sleep.WakeupGpioPin.Pin13, 0);
            Sleep.EnableWakeupByTimer(System.TimeSpan.FromMilliseconds(60000));
            Sleep.StartLightSleep();
        }
    }
}
