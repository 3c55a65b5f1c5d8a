namespace Handheld.Core.Scanning
{
    /// <summary>What one byte (or a timeout check) completed in <see cref="Gm65Parser"/>.</summary>
    public enum Gm65ParseEvent
    {
        /// <summary>Nothing completed yet.</summary>
        None = 0,
        /// <summary>A reply frame with a good CRC: see <see cref="Gm65Parser.ReplyStatus"/> and the reply data.</summary>
        Reply = 1,
        /// <summary>A decoded-text line ended by CR or LF: see <see cref="Gm65Parser.LineBuffer"/>.</summary>
        Line = 2,
        /// <summary>A line longer than the buffer ended; its bytes were discarded.</summary>
        LineTooLong = 3,
        /// <summary>Text stopped arriving before its terminator (gap longer than the line timeout); discarded.</summary>
        LineIncomplete = 4,
        /// <summary>A reply frame was still incomplete 400 ms after its start; discarded.</summary>
        FrameTimeout = 5,
        /// <summary>A complete reply frame failed its CRC or had an impossible length; discarded.</summary>
        ReplyCorrupt = 6,
    }
}
