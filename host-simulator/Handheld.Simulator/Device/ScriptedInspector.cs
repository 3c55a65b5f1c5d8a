using Handheld.Core.Inspection;
using Handheld.Core.Ports;

namespace Handheld.Simulator.Device;

/// <summary>
/// The emulated inspector's thumbs: an <see cref="IButtonInput"/> whose levels follow a script in virtual
/// time, reacting to what the controller shows (it observes state changes like a person watching the
/// display). Presses OK to start, answers each prompt after its reaction time, retries a failed scan.
/// </summary>
public sealed class ScriptedInspector : IButtonInput, IInspectionObserver
{
    private readonly Func<long> _now;
    private readonly PromptAnswer[] _answers;
    private readonly int[] _reactionMs;
    private readonly int _maxRetries;
    private readonly List<(long At, int Button, bool Down)> _events = new();
    private readonly bool[] _levels = new bool[2];
    private int _retries;

    public const int ShortPressMs = 120;
    public const int LongPressMs = 950;

    public ScriptedInspector(Func<long> nowMs, PromptAnswer[] answers, int[] reactionMs, int maxRetries = 2)
    {
        _now = nowMs; _answers = answers; _reactionMs = reactionMs; _maxRetries = maxRetries;
    }

    public Action<string>? Log { get; set; }

    public int Count => 2;

    /// <summary>Virtual time the inspector released the button that answered the last prompt.</summary>
    public long LastActionMs { get; private set; } = -1;

    public bool IsPressed(int index)
    {
        long now = _now();
        for (int i = 0; i < _events.Count; i++)
        {
            if (_events[i].At > now) continue;
            _levels[_events[i].Button] = _events[i].Down;
            _events.RemoveAt(i--);
        }
        return _levels[index];
    }

    public void PressAt(long at, ButtonId b, int holdMs)
    {
        _events.Add((at, (int)b, true));
        _events.Add((at + holdMs, (int)b, false));
    }

    public void OnStateChanged(InspectionState from, InspectionState to, long nowMs)
    {
        if (to == InspectionState.Prompting) SchedulePrompt(0, nowMs);
        else if (to == InspectionState.ScanFailed && _retries < _maxRetries)
        {
            _retries++;
            Log?.Invoke($"inspector re-aims the scanner and presses OK (retry {_retries})");
            PressAt(nowMs + 1500, ButtonId.Ok, ShortPressMs);
        }
    }

    public void OnPromptAnswered(Prompt prompt, PromptAnswer answer, long nowMs)
    {
        int next = (int)prompt + 1;
        if (next < _answers.Length) SchedulePrompt(next, nowMs);
    }

    private void SchedulePrompt(int i, long nowMs)
    {
        long at = nowMs + _reactionMs[i];
        switch (_answers[i])
        {
            case PromptAnswer.Confirmed: PressAt(at, ButtonId.Ok, ShortPressMs); LastActionMs = at + ShortPressMs; break;
            case PromptAnswer.Denied: PressAt(at, ButtonId.No, ShortPressMs); LastActionMs = at + ShortPressMs; break;
            case PromptAnswer.Skipped: PressAt(at, ButtonId.Ok, LongPressMs); LastActionMs = at + 800; break;
            default: break; // no answer: the prompt times out
        }
    }
}
