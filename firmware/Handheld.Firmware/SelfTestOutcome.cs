namespace Handheld.Firmware
{
    /// <summary>Each boot check's result, kept for the BLE SelfTest response (lamp, sensor and scanner cannot be
    /// re-run over BLE: they need the calibration tile and must not disturb an inspection).</summary>
    public sealed class SelfTestOutcome
    {
        public bool Scanner, Sensor, Lamp, Storage, Battery;

        public bool AllPassed { get { return Scanner && Sensor && Lamp && Storage && Battery; } }
    }
}
