namespace Handheld.Core.Ports
{
    /// <summary>
    /// A byte stream to a serial device (the QR scanner's UART). Non-blocking: protocol parsers in Core
    /// are fed whatever has arrived and keep their own state.
    /// </summary>
    public interface ISerialLink
    {
        /// <summary>Copies up to <paramref name="count"/> received bytes; returns how many (0 when none waited).</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Queues bytes for transmission.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
