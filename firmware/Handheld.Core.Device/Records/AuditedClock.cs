using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Core.Records
{
    /// <summary>
    /// The device's wall clock (docs/ble-protocol.md §5.2): the RTC counter plus where its time came from,
    /// a bound on backward steps, and a CLOCK_CHANGE record (<see cref="ClockChangeRecord"/>) for every change.
    /// The source stays what set it (an app-set clock is AppSynced until the next set or power loss, however
    /// long ago: records say who set the time). While the clock is set, a step back of more than
    /// <see cref="MaxBackwardSeconds"/> is refused with <see cref="ErrorCode.ClockBackward"/>; after power loss
    /// (source Unset) any time in range is accepted and the record shows the previous state as unset.
    /// The record is appended before the counter changes, so no change goes unrecorded; with a log that
    /// cannot take records (not provisioned, faulted) nothing is recorded anywhere and the clock is set.
    /// </summary>
    public sealed class AuditedClock : IWallClock, IClockSetter
    {
        /// <summary>Largest accepted backward step while the clock is set: RTC drift over weeks plus a phone's
        /// own error stay well inside it; rewinding a day to make an expired licence valid does not.</summary>
        public const long MaxBackwardSeconds = 600;

        private readonly IRtc _rtc;
        private readonly InspectionRecord _record = new InspectionRecord();
        private ClockSource _source = ClockSource.Unset;
        private RecordLog _log;
        private byte[] _deviceId;
        private uint _firmwareVersion;

        public AuditedClock(IRtc rtc) { _rtc = rtc; }

        /// <summary>Where clock changes are recorded (an open, provisioned log); until then none are.</summary>
        public void AttachLog(RecordLog log, byte[] deviceId, uint firmwareVersion)
        {
            _log = log;
            _deviceId = deviceId;
            _firmwareVersion = firmwareVersion;
        }

        /// <summary>Result of the last record append (for diagnostics and tests).</summary>
        public AppendResult LastAppend { get; private set; }

        public bool TryRead(out long unixSeconds, out ClockSource source)
        {
            if (_source == ClockSource.Unset) { unixSeconds = 0; source = ClockSource.Unset; return false; }
            unixSeconds = _rtc.ReadUnix();
            source = _source;
            return true;
        }

        /// <summary>Sets the clock; returns <see cref="ErrorCode.None"/>, <see cref="ErrorCode.ClockBackward"/>
        /// (more than <see cref="MaxBackwardSeconds"/> back from a set clock), or <see cref="ErrorCode.StorageFault"/>
        /// (the record could not be stored — sync first — or the RTC refused); on an error nothing changed
        /// except, for an RTC refusal, the record of the attempt. <see cref="ClockSource.Unset"/> forgets the time.</summary>
        public byte SetTime(long unixSeconds, ClockSource source)
        {
            if (source == ClockSource.Unset) { _source = ClockSource.Unset; return ErrorCode.None; }
            long before;
            ClockSource was;
            bool set = TryRead(out before, out was);
            if (set && unixSeconds < before - MaxBackwardSeconds) return ErrorCode.ClockBackward;
            if (_log != null && _deviceId != null)
            {
                ClockChangeRecord.Fill(_record, _deviceId, _firmwareVersion, before, was, unixSeconds, source);
                AppendResult a = _log.Append(_record);
                LastAppend = a;
                if (a == AppendResult.FullUnsynced || a == AppendResult.RecordInvalid) return ErrorCode.StorageFault;
            }
            if (!_rtc.Write(unixSeconds)) return ErrorCode.StorageFault;
            _source = source;
            return ErrorCode.None;
        }

        /// <summary>Forgets the time (brown-out, RTC fault): dates become unverifiable until the next set.</summary>
        public void Invalidate() { _source = ClockSource.Unset; }
    }
}
