namespace Handheld.Core.Scanning
{
    /// <summary>What <see cref="QrScanner.Poll"/> reports. Numeric values are stable (used in logs).</summary>
    public enum ScanEvent
    {
        /// <summary>Nothing new.</summary>
        None = 0,
        /// <summary>A scan produced text: <see cref="QrScanner.TextBuffer"/>, <see cref="QrScanner.TextLength"/>.</summary>
        TextScanned = 1,
        /// <summary>The module acknowledged the trigger; the scan window is open.</summary>
        AckReceived = 2,
        /// <summary>A command got no valid reply (after retries) or a non-zero status, or the scan window closed
        /// without a code: see <see cref="QrScanner.LastFailure"/>.</summary>
        NakOrTimeout = 3,
        /// <summary>The scanned text was longer than the text buffer and was discarded.</summary>
        LineTooLong = 4,
        /// <summary><see cref="QrScanner.Configure"/> finished: command mode, CR tail, saved.</summary>
        Configured = 5,
    }

    /// <summary>Why the last <see cref="ScanEvent.NakOrTimeout"/> happened.</summary>
    public enum ScanFailure
    {
        /// <summary>No failure.</summary>
        None = 0,
        /// <summary>No reply frame within the reply timeout, after all retries.</summary>
        NoReply = 1,
        /// <summary>The reply's status byte was not 00.</summary>
        Nak = 2,
        /// <summary>Replies kept failing their CRC or arrived incomplete (400 ms rule), after all retries.</summary>
        ReplyCorrupt = 3,
        /// <summary>The scan window closed with no decoded text (nothing in front of the window, or unreadable).</summary>
        NoCode = 4,
        /// <summary>Decoded text stopped before its CR tail.</summary>
        TextIncomplete = 5,
    }
}
