namespace Handheld.Firmware
{
    /// <summary>
    /// GPIO numbers of the handheld board (ESP32-WROVER-E). Copied from hardware/pinmap.md, the one source
    /// of truth; a host test fails when the two differ. Bus ids and addresses are below the pins.
    /// </summary>
    public static class PinMap
    {
        public const int I2cSda = 18;
        public const int I2cScl = 19;
        public const int ScannerTx = 32;
        public const int ScannerRx = 33;
        public const int UvLampPwm = 23;
        public const int UvLampCurrentSense = 36;
        public const int WhiteLedPwm = 25;
        public const int WindowContact = 26;
        public const int ButtonOk = 13;
        public const int ButtonNo = 14;
        public const int LedRed = 21;
        public const int LedGreen = 22;
        public const int LedBlue = 4;
        public const int Buzzer = 27;
        public const int SensorInterrupt = 39;
        public const int BatterySense = 35;

        /// <summary>nanoFramework I2C bus id of I2C1.</summary>
        public const int I2cBus = 1;
        /// <summary>UART of the scanner.</summary>
        public const string ScannerPort = "COM2";
        public const int ScannerBaud = 9600;
        /// <summary>ADC1 channel numbers (ESP32: channel n of ADC1 = the ADC1_CHn pin).</summary>
        public const int UvLampCurrentAdcChannel = 0;
        public const int BatteryAdcChannel = 7;
        /// <summary>UV LED PWM frequency: well above the sensor's integration times so the lamp looks steady.</summary>
        public const int UvLampPwmHz = 20000;
        /// <summary>White (daylight) LED PWM frequency: 20 kHz, 144 periods in a 7.2 ms reading.</summary>
        public const int WhiteLedPwmHz = 20000;
        public const int BuzzerHz = 2700;
    }
}
