namespace Handheld.Core.Ports
{
    /// <summary>
    /// The raw level of the device's push buttons, sampled by Core every tick. Core debounces and decodes
    /// gestures (short, long, double press) itself, so the adapter only reads pins (active-low with pull-ups
    /// on the ESP32, a scripted sequence in the simulator).
    /// </summary>
    public interface IButtonInput
    {
        /// <summary>Number of buttons (see Inspection.ButtonId for their meaning).</summary>
        int Count { get; }

        /// <summary>True while button <paramref name="index"/> is held down (undebounced).</summary>
        bool IsPressed(int index);
    }
}
