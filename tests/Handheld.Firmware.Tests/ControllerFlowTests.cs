using Handheld.Core.Inspection;
using Handheld.Core.Ports;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>One whole inspection through the controller on the device runtime, with minimal fakes.</summary>
    [TestClass]
    public class ControllerFlowTests
    {
        private sealed class Clock : IMonotonicClock { public long Now; public long NowMs { get { return Now; } } }

        private sealed class Wall : IWallClock
        {
            public bool TryRead(out long unixSeconds, out ClockSource source) { unixSeconds = 1780000000; source = ClockSource.AppSynced; return true; }
        }

        private sealed class Scanner : IScannerSource
        {
            private long _at = -1;
            public void Trigger(long nowMs) { _at = nowMs; }
            public ScanStatus Poll(long nowMs) { return _at >= 0 && nowMs - _at >= 300 ? ScanStatus.Scanned : ScanStatus.Pending; }
            private readonly byte[] _text = new byte[] { 0x48, 0x48, 0x31, 0x3A, 0x54 };
            public byte[] TextBuffer { get { return _text; } }
            public int TextLength { get { return _text.Length; } }
            public void Stop() { _at = -1; }
        }

        private sealed class Digital : IDigitalCheck
        {
            private DigitalResult _r;
            private long _start = -1;
            public void Begin(byte[] qrText, int qrLength, long unixSeconds, ClockSource clockSource, DigitalResult result) { _r = result; _start = -1; result.LicenceNumber = new byte[] { (byte)'N', (byte)'O', (byte)'-', (byte)'1' }; }
            public bool Step(long nowMs)
            {
                if (_r == null) return false;
                if (_start < 0) _start = nowMs;
                if (nowMs - _start < 1000) return false;
                _r.SignatureValid = true; _r.Completed = true; return true;
            }
            public void Abort() { _r = null; }
        }

        private sealed class Physical : IPhysicalCheck
        {
            private PhysicalResult _r; private long _start; public int Aborts;
            public void Begin(long nowMs, int expectedProfile, PhysicalResult result) { _r = result; _start = nowMs; }
            public bool Step(long nowMs) { if (nowMs - _start < 2000) return false; _r.Finding = PhysicalFinding.Consistent; return true; }
            public void Abort() { Aborts++; }
        }

        private sealed class Sink : IRecordSink { public int Count; public bool Append(InspectionSummary s) { Count++; return true; } }

        private sealed class Ind : IIndicator
        {
            public LedColour Colour;
            public void SetLed(LedColour colour, LedMode mode) { Colour = colour; }
            public void Beep(BeepPattern pattern) { }
            public void ShowText(string line1, string line2) { }
        }

        private static void Run(InspectionController c, Clock clock, int ms)
        {
            for (int i = 0; i < ms; i += 10) { clock.Now += 10; c.Tick(); }
        }

        [TestMethod]
        public void Tick_ConfirmAll_GenuineAndRecorded()
        {
            Clock clock = new Clock();
            Sink sink = new Sink();
            Ind ind = new Ind();
            InspectionController c = new InspectionController(clock, new Wall(), new Scanner(), new Digital(), new Physical(),
                sink, ind, null, new InspectionSettings());
            Assert.IsTrue(c.Start());
            Run(c, clock, 2500);
            Assert.AreEqual((int)InspectionState.Prompting, (int)c.State);
            for (int i = 0; i < 3; i++) { c.OnGesture(ButtonId.Ok, Gesture.Short); Run(c, clock, 100); }
            Assert.AreEqual((int)InspectionState.Verdict, (int)c.State);
            Assert.AreEqual((int)Outcome.Genuine, (int)c.LastOutcome);
            Assert.AreEqual(1, sink.Count);
            Assert.AreEqual((int)LedColour.Green, (int)ind.Colour);
        }

        [TestMethod]
        public void OnGesture_NoLongDuringSweep_CancelsWithoutRecord()
        {
            Clock clock = new Clock();
            Sink sink = new Sink();
            Physical physical = new Physical();
            InspectionController c = new InspectionController(clock, new Wall(), new Scanner(), new Digital(), physical,
                sink, new Ind(), null, new InspectionSettings());
            c.Start();
            Run(c, clock, 500);
            Assert.AreEqual((int)InspectionState.Sweeping, (int)c.State);
            c.OnGesture(ButtonId.No, Gesture.Long);
            Assert.AreEqual((int)InspectionState.Idle, (int)c.State);
            Assert.AreEqual(1, physical.Aborts);
            Run(c, clock, 5000);
            Assert.AreEqual(0, sink.Count);
        }
    }
}
