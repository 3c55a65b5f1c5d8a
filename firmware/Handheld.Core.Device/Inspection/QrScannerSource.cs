using Handheld.Core.Scanning;

namespace Handheld.Core.Inspection
{
    /// <summary>
    /// <see cref="IScannerSource"/> over Scanning.QrScanner (GM65 protocol). A scan window that closes without
    /// a code, an over-long line (garbage, a non-licence code too big for the buffer) or a text cut short is
    /// re-triggered at once, so the inspector just keeps aiming until the controller's own scan timeout; only a
    /// scanner that does not answer commands (no reply, NAK, corrupt replies after retries) is a fault.
    /// </summary>
    public sealed class QrScannerSource : IScannerSource
    {
        private readonly QrScanner _scanner;

        /// <summary>Scan windows that ended without usable text during the current scan (for logs).</summary>
        public int Retriggers;

        public QrScannerSource(QrScanner scanner) { _scanner = scanner; }

        public byte[] TextBuffer { get { return _scanner.TextBuffer; } }

        public int TextLength { get { return _scanner.TextLength; } }

        public void Trigger(long nowMs)
        {
            Retriggers = 0;
            if (!_scanner.Trigger())
            {
                _scanner.Cancel();
                _scanner.Trigger();
            }
        }

        public ScanStatus Poll(long nowMs)
        {
            while (true)
            {
                ScanEvent e = _scanner.Poll();
                switch (e)
                {
                    case ScanEvent.None: return ScanStatus.Pending;
                    case ScanEvent.TextScanned:
                        if (_scanner.TextLength > 0) return ScanStatus.Scanned;
                        Retrigger();
                        break;
                    case ScanEvent.LineTooLong: Retrigger(); break;
                    case ScanEvent.NakOrTimeout:
                        ScanFailure f = _scanner.LastFailure;
                        if (f == ScanFailure.NoCode || f == ScanFailure.TextIncomplete) { Retrigger(); break; }
                        return ScanStatus.Fault;
                    default: break; // AckReceived, Configured: progress, keep polling
                }
            }
        }

        public void Stop() { _scanner.Cancel(); }

        private void Retrigger()
        {
            Retriggers++;
            _scanner.Cancel();
            _scanner.Trigger();
        }
    }
}
