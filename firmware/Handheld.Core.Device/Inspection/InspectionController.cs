using Handheld.Core.Ports;

namespace Handheld.Core.Inspection
{
    /// <summary>
    /// The inspection flow: idle → scan → sweep + verify → inspector prompts → verdict → idle.
    /// Single-threaded and non-blocking: the firmware (or simulator) calls <see cref="Tick"/> every few
    /// milliseconds; buttons are sampled there through <see cref="ButtonPanel"/> (or fed with
    /// <see cref="OnGesture"/>). Time comes only from <see cref="IMonotonicClock"/>.
    ///
    /// The signature check starts the moment the QR is read and the sweep starts in the same tick; the
    /// check is stepped on every tick until done, through the sweep and the prompts, so the verdict waits
    /// only for work that could not have run earlier. All working objects are allocated once here.
    /// Gestures: OK short = start / confirm / acknowledge; OK long = skip a prompt; NO short = deny / back;
    /// NO long = cancel the inspection; NO double = retry (scan again) from the verdict or scan-failed screen.
    /// </summary>
    public sealed class InspectionController
    {
        private readonly IMonotonicClock _clock;
        private readonly IWallClock _wall;
        private readonly IScannerSource _scanner;
        private readonly IDigitalCheck _digital;
        private readonly IPhysicalCheck _physical;
        private readonly IRecordSink _records;
        private readonly IIndicator _indicator;
        private readonly ButtonPanel _buttons;
        private readonly InspectionSettings _settings;

        private readonly DigitalResult _digitalResult = new DigitalResult();
        private readonly PhysicalResult _physicalResult = new PhysicalResult();
        private readonly HumanChecklist _human = new HumanChecklist();
        private readonly InspectionSummary _summary = new InspectionSummary();
        private readonly InspectionTimeline _timeline = new InspectionTimeline();

        private InspectionState _state = InspectionState.Idle;
        private long _stateSinceMs;
        private long _digitalStartMs;
        private bool _digitalDone;
        private bool _physicalDone;
        private int _prompt;
        private long _promptSinceMs;
        private Outcome _outcome;
        private int _reasons;
        private bool _recordStored;
        private bool _shortCircuited;
        private readonly IGuidedSweep _guided;
        private int _shownTrack = -1;
        private long _trackWaitSinceMs;
        private int _sweepsSeen;

        /// <summary>Optional observer of state changes and answers.</summary>
        public IInspectionObserver Observer;

        public InspectionController(IMonotonicClock clock, IWallClock wall, IScannerSource scanner, IDigitalCheck digital,
            IPhysicalCheck physical, IRecordSink records, IIndicator indicator, ButtonPanel buttons, InspectionSettings settings)
        {
            _clock = clock; _wall = wall; _scanner = scanner; _digital = digital; _physical = physical;
            _records = records; _indicator = indicator; _buttons = buttons;
            _settings = settings == null ? new InspectionSettings() : settings;
            _guided = physical as IGuidedSweep;
            _stateSinceMs = clock.NowMs;
            ShowState();
        }

        public InspectionState State { get { return _state; } }
        public Outcome LastOutcome { get { return _outcome; } }
        /// <summary><see cref="VerdictReason"/> bits of the last verdict.</summary>
        public int LastReasons { get { return _reasons; } }
        public bool LastRecordStored { get { return _recordStored; } }
        public DigitalResult Digital { get { return _digitalResult; } }
        public PhysicalResult Physical { get { return _physicalResult; } }
        public HumanChecklist Human { get { return _human; } }
        public InspectionTimeline Timeline { get { return _timeline; } }
        /// <summary>The prompt being asked (valid in <see cref="InspectionState.Prompting"/>).</summary>
        public Prompt CurrentPrompt { get { return (Prompt)_prompt; } }
        /// <summary>True when nothing is running and the firmware may enter light sleep (wake on OK).</summary>
        public bool CanSleep { get { return _state == InspectionState.Idle; } }

        /// <summary>Advances the flow: samples buttons, polls the scanner, steps sweep and signature check,
        /// applies timeouts.</summary>
        public void Tick()
        {
            long now = _clock.NowMs;
            if (_buttons != null)
            {
                ButtonId b;
                Gesture g = _buttons.Poll(now, out b);
                if (g != Gesture.None) HandleGesture(b, g, now, b == ButtonId.Ok ? _buttons.Ok.LastEdgeMs : _buttons.No.LastEdgeMs);
            }

            switch (_state)
            {
                case InspectionState.Scanning: TickScanning(now); break;
                case InspectionState.Sweeping:
                case InspectionState.Prompting:
                case InspectionState.Finishing: TickChecking(now); break;
                case InspectionState.Verdict:
                    if (now - _stateSinceMs >= _settings.VerdictHoldMs) Enter(InspectionState.Idle, now);
                    break;
                case InspectionState.ScanFailed:
                    if (now - _stateSinceMs >= _settings.ScanFailedHoldMs) Enter(InspectionState.Idle, now);
                    break;
            }
        }

        /// <summary>Feeds a gesture decoded elsewhere (e.g. a BLE remote or tests); the action time is now.</summary>
        public void OnGesture(ButtonId button, Gesture gesture)
        {
            long now = _clock.NowMs;
            HandleGesture(button, gesture, now, now);
        }

        /// <summary>Starts an inspection as if OK was pressed in idle (e.g. from the app); ignored when busy.</summary>
        public bool Start()
        {
            if (_state != InspectionState.Idle && _state != InspectionState.Verdict && _state != InspectionState.ScanFailed) return false;
            BeginScan(_clock.NowMs, true);
            return true;
        }

        /// <summary>Cancels a running inspection (lamp off, scanner off, nothing recorded).</summary>
        public void Cancel()
        {
            long now = _clock.NowMs;
            if (_state == InspectionState.Idle) return;
            StopWork();
            Enter(InspectionState.Idle, now);
        }

        private void HandleGesture(ButtonId b, Gesture g, long now, long edgeMs)
        {
            if (_state != InspectionState.Idle && _state != InspectionState.Verdict && _state != InspectionState.ScanFailed
                && b == ButtonId.No && g == Gesture.Long)
            {
                Cancel();
                return;
            }

            switch (_state)
            {
                case InspectionState.Idle:
                    if (b == ButtonId.Ok && g == Gesture.Short) BeginScan(now, true);
                    break;
                case InspectionState.Sweeping:
                    // Between fingerprint tracks: OK = the device is on the next edge; NO = no more tracks (the
                    // fingerprint stays unconfirmed, never GENUINE).
                    if (_guided != null && _guided.AwaitingTrack >= 0)
                    {
                        if (b == ButtonId.Ok && g == Gesture.Short)
                        {
                            _guided.Confirm();
                            _stateSinceMs = now;
                            _shownTrack = -1;
                            _indicator.Beep(BeepPattern.Click);
                            ShowState();
                        }
                        else if (b == ButtonId.No && (g == Gesture.Short || g == Gesture.Double)) _guided.SkipRemainingTracks();
                    }
                    break;
                case InspectionState.Prompting:
                    if (b == ButtonId.Ok && g == Gesture.Short) Answer(PromptAnswer.Confirmed, now, edgeMs);
                    else if (b == ButtonId.Ok && g == Gesture.Long) Answer(PromptAnswer.Skipped, now, edgeMs);
                    else if (b == ButtonId.No && (g == Gesture.Short || g == Gesture.Double)) Answer(PromptAnswer.Denied, now, edgeMs);
                    break;
                case InspectionState.Verdict:
                    if (b == ButtonId.No && g == Gesture.Double) BeginScan(now, true);
                    else if (g == Gesture.Short) Enter(InspectionState.Idle, now);
                    break;
                case InspectionState.ScanFailed:
                    if ((b == ButtonId.Ok && g == Gesture.Short) || (b == ButtonId.No && g == Gesture.Double)) BeginScan(now, false);
                    else if (b == ButtonId.No) Enter(InspectionState.Idle, now);
                    break;
            }
        }

        private void BeginScan(long now, bool newInspection)
        {
            if (newInspection)
            {
                _timeline.Reset();
                _timeline.StartMs = now;
            }
            _digitalResult.Reset();
            _physicalResult.Reset();
            _human.Reset();
            _outcome = Outcome.None;
            _reasons = 0;
            _recordStored = false;
            _shortCircuited = false;
            _digitalDone = false;
            _physicalDone = false;
            _shownTrack = -1;
            _sweepsSeen = 0;
            _indicator.Beep(BeepPattern.Click);
            _scanner.Trigger(now);
            Enter(InspectionState.Scanning, now);
        }

        private void TickScanning(long now)
        {
            ScanStatus s = _scanner.Poll(now);
            if (s == ScanStatus.Scanned)
            {
                _scanner.Stop();
                _timeline.ScannedMs = now;
                _indicator.Beep(BeepPattern.Scanned);

                long unix;
                ClockSource source;
                ReadWall(out unix, out source);
                // Decode now (cheap) so the sweep knows the declared fibres; the signature check then runs
                // alongside the sweep, stepped every tick.
                _digitalStartMs = now;
                _digital.Begin(_scanner.TextBuffer, _scanner.TextLength, unix, source, _digitalResult);
                _physicalResult.Registered = _digitalResult.Fibres;
                _physical.Begin(now, _digitalResult.PhysicalProfile, _physicalResult);
                Enter(InspectionState.Sweeping, now);
                StepDigital(now);
            }
            else if (s == ScanStatus.Fault || now - _stateSinceMs >= _settings.ScanTimeoutMs)
            {
                _scanner.Stop();
                Enter(InspectionState.ScanFailed, now);
            }
        }

        private void TickChecking(long now)
        {
            bool waitingForTrack = false;
            if (_guided != null && !_physicalDone && _guided.AwaitingTrack >= 0)
            {
                // The inspector is moving the device to the next track: no sweep until OK, and no sweep timeout; after
                // PromptTimeoutMs without OK the remaining tracks are given up.
                if (_shownTrack != _guided.AwaitingTrack)
                {
                    _shownTrack = _guided.AwaitingTrack;
                    _trackWaitSinceMs = now;
                    _indicator.Beep(BeepPattern.Scanned);
                    ShowState();
                }
                if (now - _trackWaitSinceMs >= _settings.PromptTimeoutMs) _guided.SkipRemainingTracks();
                else waitingForTrack = true;
            }
            if (!waitingForTrack && (_state == InspectionState.Sweeping || (!_physicalDone && _state == InspectionState.Finishing)))
            {
                bool done = _physical.Step(now);
                // A sweep may measure synchronously for seconds inside Step: continue with the time after it.
                now = _clock.NowMs;
                if (_guided != null && _guided.SweepsMade != _sweepsSeen)
                {
                    // Each sweep of a multi-sweep check has its own timeout.
                    _sweepsSeen = _guided.SweepsMade;
                    _stateSinceMs = now;
                }
                if (done)
                {
                    _physicalDone = true;
                    _timeline.SweepDoneMs = now;
                }
                else if (now - _stateSinceMs >= _settings.SweepTimeoutMs && _state == InspectionState.Sweeping)
                {
                    _physical.Abort();
                    _physicalDone = true;
                    _timeline.SweepDoneMs = now;
                    if (_physicalResult.Finding == PhysicalFinding.NotMeasured) _physicalResult.Finding = PhysicalFinding.SensorFault;
                }
            }

            StepDigital(now);

            if (_state == InspectionState.Sweeping || _state == InspectionState.Prompting)
            {
                if (DigitalDecisive())
                {
                    // The outcome can no longer be GENUINE and will be FORGED or INVALID whatever the paper
                    // and inspector say: stop the lamp and spare the inspector the (remaining) questions.
                    if (!_physicalDone) { _physical.Abort(); _physicalDone = true; _timeline.SweepDoneMs = now; }
                    _shortCircuited = true;
                    _timeline.LastActionMs = now;
                    Enter(InspectionState.Finishing, now);
                }
                else if (_physicalDone && _state == InspectionState.Sweeping)
                {
                    _timeline.PromptsStartMs = now;
                    _prompt = 0;
                    Enter(InspectionState.Prompting, now);
                }
            }
            if (_state == InspectionState.Prompting && now - _promptSinceMs >= _settings.PromptTimeoutMs)
            {
                Answer(PromptAnswer.TimedOut, now, now);
            }

            if (_state == InspectionState.Finishing && _digitalDone && _physicalDone) Finish(now);
        }

        private void StepDigital(long now)
        {
            if (_digitalDone) return;
            if (_digital.Step(now) || _digitalResult.Completed)
            {
                _digitalDone = true;
                _timeline.DigitalDoneMs = now;
            }
            else if (now - _digitalStartMs >= _settings.DigitalTimeoutMs)
            {
                _digital.Abort();
                _digitalResult.Completed = false;
                _digitalResult.SignatureValid = false;
                _digitalResult.Reasons |= VerdictReason.DigitalIncomplete;
                _digitalDone = true;
                _timeline.DigitalDoneMs = now;
            }
        }

        private bool DigitalDecisive()
        {
            if (!_digitalDone || !_digitalResult.Completed) return false;
            int r = _digitalResult.Reasons;
            if ((r & VerdictReason.SignatureInvalid) != 0) return true;
            return _digitalResult.SignatureValid
                && (r & (VerdictReason.Expired | VerdictReason.NotYetValid | VerdictReason.Revoked | VerdictReason.Suspended)) != 0;
        }

        private void Answer(PromptAnswer answer, long now, long actionMs)
        {
            _human.Answers[_prompt] = answer;
            _timeline.LastActionMs = actionMs;
            if (Observer != null) Observer.OnPromptAnswered((Prompt)_prompt, answer, now);
            _indicator.Beep(BeepPattern.Click);
            _prompt++;
            if (_prompt < HumanChecklist.PromptCount)
            {
                _promptSinceMs = now;
                ShowPrompt();
            }
            else
            {
                Enter(InspectionState.Finishing, now);
                if (_digitalDone && _physicalDone) Finish(now);
            }
        }

        private void Finish(long now)
        {
            int reasons;
            Outcome outcome = Verdict.Combine(_digitalResult, _physicalResult, _human, out reasons);
            if (_shortCircuited)
            {
                // The sweep and prompts were skipped on purpose; do not report them as failures of their own.
                reasons &= ~(VerdictReason.PhysicalInconclusive | VerdictReason.HumanChecksIncomplete);
            }

            long unix;
            ClockSource source;
            ReadWall(out unix, out source);

            _summary.Outcome = outcome;
            _summary.Reasons = reasons;
            _summary.UnixSeconds = unix;
            _summary.ClockSource = source;
            _summary.LicenceNumber = _digitalResult.LicenceNumber;
            for (int i = 0; i < 32; i++) _summary.PayloadHash[i] = _digitalResult.PayloadHash[i];
            _summary.PhysicalFinding = _physicalResult.Finding;
            _summary.PhysicalDetailCode = _physicalResult.DetailCode;
            _summary.BackgroundBlue = _physicalResult.BackgroundBlue;
            _summary.FibresBlue = _physicalResult.FibresBlue;
            _summary.FibresGreen = _physicalResult.FibresGreen;
            _summary.FibresRed = _physicalResult.FibresRed;
            _summary.Fingerprint = _physicalResult.Fingerprint;
            _summary.FingerprintChancePpb = _physicalResult.FingerprintChancePpb;
            _summary.FingerprintTrackSweeps = _physicalResult.FingerprintTrackSweeps;
            for (int i = 0; i < HumanChecklist.PromptCount; i++) _summary.Answers[i] = _human.Answers[i];
            _summary.InspectorId = _settings.InspectorId;
            _summary.DurationMs = (int)(now - _timeline.StartMs);

            bool stored;
            try { stored = _records.Append(_summary); }
            catch (System.Exception) { stored = false; } // a storage fault must not lose the verdict on screen
            if (!stored) reasons |= VerdictReason.RecordNotStored;

            _outcome = outcome;
            _reasons = reasons;
            _recordStored = stored;
            _timeline.VerdictMs = now;
            Enter(InspectionState.Verdict, now);
        }

        /// <summary>Wall-clock time for the check and the record; an unreadable clock counts as unset (fail closed).</summary>
        private void ReadWall(out long unix, out ClockSource source)
        {
            if (!_wall.TryRead(out unix, out source)) { unix = 0; source = ClockSource.Unset; }
        }

        private void StopWork()
        {
            if (_state == InspectionState.Scanning) _scanner.Stop();
            if (_state == InspectionState.Sweeping || _state == InspectionState.Prompting || _state == InspectionState.Finishing)
            {
                if (!_physicalDone) _physical.Abort();
                if (!_digitalDone) _digital.Abort();
            }
        }

        private void Enter(InspectionState next, long now)
        {
            InspectionState prev = _state;
            _state = next;
            _stateSinceMs = now;
            if (next == InspectionState.Prompting) _promptSinceMs = now;
            if (Observer != null) Observer.OnStateChanged(prev, next, now);
            ShowState();
        }

        /// <summary>Edge of fingerprint track <paramref name="track"/> (licence-format.md §2.4, layout 2).</summary>
        private static string TrackEdgeName(int track)
        {
            switch (track)
            {
                case 0: return "bottom";
                case 1: return "top";
                case 2: return "left";
                case 3: return "right";
                default: return "?";
            }
        }

        private void ShowState()
        {
            LedColour c;
            LedMode m;
            switch (_state)
            {
                case InspectionState.Idle:
                    _indicator.SetLed(LedColour.Off, LedMode.Solid);
                    _indicator.ShowText("Ready", "OK: inspect");
                    return;
                case InspectionState.Prompting:
                    FeedbackTable.ForState(_state, out c, out m);
                    _indicator.SetLed(c, m);
                    ShowPrompt();
                    return;
                case InspectionState.Verdict:
                    BeepPattern beep;
                    FeedbackTable.ForOutcome(_outcome, out c, out m, out beep);
                    _indicator.SetLed(c, m);
                    _indicator.Beep(beep);
                    _indicator.ShowText(OutcomeNames.Of(_outcome), VerdictReason.Describe(_reasons));
                    return;
                default:
                    FeedbackTable.ForState(_state, out c, out m);
                    _indicator.SetLed(c, m);
                    if (_state == InspectionState.Scanning) _indicator.ShowText("Scanning", "aim at the QR code");
                    else if (_state == InspectionState.Sweeping && _guided != null && _guided.AwaitingTrack >= 0)
                    {
                        // Slow violet blink: place the device's edge guide on this edge, then OK.
                        _indicator.SetLed(LedColour.Violet, LedMode.SlowBlink);
                        _indicator.ShowText("Track " + (_guided.AwaitingTrack + 1).ToString() + "/" + _guided.TrackCount.ToString() + ": "
                            + TrackEdgeName(_guided.AwaitingTrack) + " edge", _guided.AwaitingRepeat ? "again: whole track, OK" : "guide on edge, OK");
                    }
                    else if (_state == InspectionState.Sweeping) _indicator.ShowText("UV sweep", "slide window over sheet");
                    else if (_state == InspectionState.Finishing) _indicator.ShowText("Checking", "signature...");
                    else _indicator.ShowText("No code read", "OK: retry  NO: back");
                    return;
            }
        }

        private void ShowPrompt()
        {
            _indicator.Beep(BeepPattern.Prompt);
            switch ((Prompt)_prompt)
            {
                case Prompt.MicroText:
                    _indicator.ShowText("50x micro-text reads:", DisplayText(_digitalResult.LicenceNumber, "(no number)"));
                    break;
                case Prompt.Hologram:
                    _indicator.ShowText("Tilt: border shows", "\u5B89\u5168\u8BB8\u53EF ? OK/NO");
                    break;
                default:
                    _indicator.ShowText("Fingertip on date:", "fades? OK/NO");
                    break;
            }
        }

        // A display line from UTF-8 bytes, built by the strict decoder (whole surrogate pairs, no NUL), so the
        // device shows what .NET shows; the fallback when there is none or it is not valid text.
        private static string DisplayText(byte[] utf8, string fallback)
        {
            string s = utf8 == null ? null : Handheld.Core.Text.Utf8.Decode(utf8, 0, utf8.Length);
            return s == null ? fallback : s;
        }
    }
}
