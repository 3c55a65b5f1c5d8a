using Handheld.Core.Ports;

namespace Handheld.Core.Inspection
{
    /// <summary>Result of polling the scanner.</summary>
    public enum ScanStatus : byte
    {
        /// <summary>Nothing decoded yet.</summary>
        Pending = 0,
        /// <summary>A code was decoded; its bytes are in <see cref="IScannerSource.TextBuffer"/>.</summary>
        Scanned = 1,
        /// <summary>The scanner does not answer or reports an error.</summary>
        Fault = 2,
    }

    /// <summary>The QR scanner as the controller sees it (adapter over Scanning.QrScanner).</summary>
    public interface IScannerSource
    {
        /// <summary>Starts a command-triggered scan.</summary>
        void Trigger(long nowMs);

        /// <summary>Moves received bytes through the protocol parser; never blocks.</summary>
        ScanStatus Poll(long nowMs);

        /// <summary>The decoded text's bytes after <see cref="ScanStatus.Scanned"/> (valid until the next Trigger).</summary>
        byte[] TextBuffer { get; }

        /// <summary>Number of valid bytes in <see cref="TextBuffer"/>.</summary>
        int TextLength { get; }

        /// <summary>Stops scanning (scanner light off).</summary>
        void Stop();
    }

    /// <summary>
    /// The digital check (payload decode, signature, key, dates, revocation). <see cref="Begin"/> decodes
    /// the payload synchronously (cheap) so the licence number and physical profile are known at once;
    /// the signature check then proceeds in <see cref="Step"/>, which may do all the work in one call, a
    /// slice per call, or only poll a worker thread (firmware) — the controller does not care.
    /// </summary>
    public interface IDigitalCheck
    {
        /// <param name="qrText">The scanned text's bytes (the scanner's buffer: copy what must outlive Begin).</param>
        /// <param name="qrLength">Number of valid bytes in <paramref name="qrText"/>.</param>
        /// <param name="unixSeconds">Wall-clock time, 0 when the clock is unset.</param>
        /// <param name="clockSource">How far the clock can be trusted.</param>
        /// <param name="result">Filled by the check; Completed set when done.</param>
        void Begin(byte[] qrText, int qrLength, long unixSeconds, ClockSource clockSource, DigitalResult result);

        /// <summary>Advances the check; returns true once <c>result.Completed</c> is set.</summary>
        bool Step(long nowMs);

        /// <summary>Abandons a running check (cancel); must leave the check ready for a new Begin.</summary>
        void Abort();
    }

    /// <summary>The UV sweep and its analysis (adapter over the sampler and fluorescence analysis).</summary>
    public interface IPhysicalCheck
    {
        /// <param name="expectedProfile">Physical features the licence declares (DigitalResult.PhysicalProfile).</param>
        void Begin(long nowMs, int expectedProfile, PhysicalResult result);

        /// <summary>Takes samples that are due and analyses when the sweep is over; returns true when
        /// <c>result.Finding</c> is final. The lamp is off whenever this returns true.</summary>
        bool Step(long nowMs);

        /// <summary>Stops the sweep at once and switches the lamp off.</summary>
        void Abort();
    }

    /// <summary>Where finished inspections go (adapter over Records.RecordLog).</summary>
    public interface IRecordSink
    {
        /// <summary>Appends a record; false when it could not be stored durably (full, storage fault).</summary>
        bool Append(InspectionSummary summary);
    }
}
