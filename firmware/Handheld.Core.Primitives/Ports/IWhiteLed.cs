namespace Handheld.Core.Ports
{
    /// <summary>
    /// The white (4000 K) LED beside the UV LED, for the daylight reflectance reading: security fibres are
    /// invisible by daylight, markers and most printed inks are coloured. A visible mid-power LED at a few mA
    /// is eye-safe, so it has no on-time guard; the adapter only switches (PWM through a low-side switch).
    /// </summary>
    public interface IWhiteLed
    {
        /// <summary>Sets the drive duty in permille: 0 is off, 1000 is full current.</summary>
        void SetDutyPermille(int dutyPermille);
    }
}
