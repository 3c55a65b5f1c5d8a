using Handheld.Core.Ports;

namespace Handheld.Core.Inspection
{
    /// <summary>The two buttons: OK (green, under the thumb) and NO (red).</summary>
    public enum ButtonId : byte
    {
        Ok = 0,
        No = 1,
    }

    /// <summary>A decoded button gesture.</summary>
    public enum Gesture : byte
    {
        None = 0,
        Short = 1,
        Long = 2,
        Double = 3,
    }

    /// <summary>
    /// Debounce and gesture decoding for one button, fed the raw level at every tick (no interrupts or
    /// timers needed). A level must be stable for <see cref="DebounceMs"/> to count. A press held for
    /// <see cref="LongPressMs"/> gives Long at once (while still held) and nothing on release. With double
    /// press enabled, a release starts a <see cref="DoubleWindowMs"/> window: a second press-and-release in it
    /// gives Double, otherwise Short when the window closes; with it disabled Short comes on release, so
    /// buttons whose short press must be fast (the OK that answers the last prompt) keep it disabled.
    /// </summary>
    public sealed class ButtonGestureDecoder
    {
        public int DebounceMs = 30;
        public int LongPressMs = 800;
        public int DoubleWindowMs = 350;
        public bool DoublePressEnabled;

        private bool _stable;          // debounced level
        private bool _lastRaw;
        private long _rawSinceMs;
        private long _pressedAtMs;
        private bool _longSent;
        private bool _awaitingSecond;  // first short press released, window open
        private long _releasedAtMs;
        private bool _secondPress;     // the current press is the second of a double

        public ButtonGestureDecoder(bool doublePressEnabled)
        {
            DoublePressEnabled = doublePressEnabled;
        }

        /// <summary>True while the debounced button is down.</summary>
        public bool IsDown { get { return _stable; } }

        /// <summary>Time (ms) the last gesture's deciding edge was seen (release, or long threshold).</summary>
        public long LastEdgeMs;

        public void Reset(bool rawPressed, long nowMs)
        {
            _stable = rawPressed; _lastRaw = rawPressed; _rawSinceMs = nowMs;
            _longSent = rawPressed; // a button held at reset must be released before it counts
            _awaitingSecond = false; _secondPress = false;
        }

        /// <summary>Feeds one sample; returns the gesture completed by it, if any.</summary>
        public Gesture Update(bool rawPressed, long nowMs)
        {
            if (rawPressed != _lastRaw) { _lastRaw = rawPressed; _rawSinceMs = nowMs; }

            Gesture g = Gesture.None;
            if (_stable != rawPressed && nowMs - _rawSinceMs >= DebounceMs)
            {
                _stable = rawPressed;
                if (_stable)
                {
                    _pressedAtMs = _rawSinceMs;
                    _longSent = false;
                    _secondPress = _awaitingSecond;
                    _awaitingSecond = false;
                }
                else if (!_longSent)
                {
                    long releaseMs = _rawSinceMs;
                    if (_secondPress) { _secondPress = false; LastEdgeMs = releaseMs; g = Gesture.Double; }
                    else if (DoublePressEnabled) { _awaitingSecond = true; _releasedAtMs = releaseMs; }
                    else { LastEdgeMs = releaseMs; g = Gesture.Short; }
                }
                else
                {
                    _secondPress = false;
                }
            }

            if (g == Gesture.None && _stable && !_longSent && nowMs - _pressedAtMs >= LongPressMs)
            {
                _longSent = true;
                _secondPress = false;
                LastEdgeMs = _pressedAtMs + LongPressMs;
                g = Gesture.Long;
            }

            if (g == Gesture.None && _awaitingSecond && !_stable && nowMs - _releasedAtMs >= DoubleWindowMs)
            {
                _awaitingSecond = false;
                LastEdgeMs = _releasedAtMs;
                g = Gesture.Short;
            }
            return g;
        }
    }

    /// <summary>Both buttons over the <see cref="IButtonInput"/> port.</summary>
    public sealed class ButtonPanel
    {
        private readonly IButtonInput _input;
        private Gesture _pendingNo;
        public readonly ButtonGestureDecoder Ok;
        public readonly ButtonGestureDecoder No;

        public ButtonPanel(IButtonInput input)
        {
            _input = input;
            // OK must answer without the double-press delay; NO carries the double press (retry).
            Ok = new ButtonGestureDecoder(false);
            No = new ButtonGestureDecoder(true);
        }

        /// <summary>Samples both buttons; returns the first gesture found (OK first) and which button made it.</summary>
        public Gesture Poll(long nowMs, out ButtonId button)
        {
            Gesture g = Ok.Update(_input.IsPressed((int)ButtonId.Ok), nowMs);
            Gesture h = No.Update(_input.IsPressed((int)ButtonId.No), nowMs);
            if (_pendingNo != Gesture.None)
            {
                // A NO gesture that completed on the same sample as an OK gesture is delivered next poll.
                Gesture p = _pendingNo;
                _pendingNo = h;
                if (g != Gesture.None) { _pendingNo = p; button = ButtonId.Ok; return g; }
                button = ButtonId.No;
                return p;
            }
            if (g != Gesture.None) { _pendingNo = h; button = ButtonId.Ok; return g; }
            button = ButtonId.No;
            return h;
        }
    }
}
