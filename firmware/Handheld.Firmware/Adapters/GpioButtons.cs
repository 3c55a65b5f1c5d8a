using System.Device.Gpio;
using Handheld.Core.Ports;

namespace Handheld.Firmware.Adapters
{
    /// <summary>OK and NO buttons, active low with the ESP32's internal pull-ups; Core debounces.</summary>
    public sealed class GpioButtons : IButtonInput
    {
        private readonly GpioPin[] _pins;

        public GpioButtons(GpioController gpio, int okPin, int noPin)
        {
            _pins = new GpioPin[] { gpio.OpenPin(okPin, PinMode.InputPullUp), gpio.OpenPin(noPin, PinMode.InputPullUp) };
        }

        public int Count { get { return _pins.Length; } }

        public bool IsPressed(int index)
        {
            return _pins[index].Read() == PinValue.Low;
        }
    }
}
