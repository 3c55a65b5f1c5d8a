namespace Handheld.Core.Ports
{
    /// <summary>
    /// Random bytes (nonces, pairing challenges). The device uses the ESP32 hardware generator; tests and
    /// the simulator use a seeded source so runs repeat.
    /// </summary>
    public interface IRandomSource
    {
        void NextBytes(byte[] buffer, int offset, int count);
    }
}
