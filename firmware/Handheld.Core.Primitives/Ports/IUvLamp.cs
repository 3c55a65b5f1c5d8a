namespace Handheld.Core.Ports
{
    /// <summary>
    /// The 365 nm UV LED behind its constant-current driver. Core enforces the eye-safety on-time limit
    /// (see Fluorescence.UvLampGuard); the adapter only switches the output.
    /// </summary>
    public interface IUvLamp
    {
        /// <summary>Sets the drive duty in permille: 0 is off, 1000 is full current.</summary>
        void SetDutyPermille(int dutyPermille);

        /// <summary>Reads the LED current through the sense resistor, when the hardware has one.
        /// False when it cannot be measured; a lamp fault shows as a current far from the expected value.</summary>
        bool TryReadCurrentMa(out int milliamps);
    }
}
