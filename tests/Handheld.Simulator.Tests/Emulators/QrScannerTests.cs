using Handheld.Core.Scanning;
using Handheld.Simulator.Emulators;
using Handheld.Simulator.Timing;

namespace Handheld.Simulator.Tests.Emulators;

/// <summary>The Core QrScanner against the GM65 emulator: the protocol as the controller uses it.</summary>
public class QrScannerTests
{
    private readonly VirtualClock _clock = new();
    private readonly Gm65Emulator _module;
    private readonly QrScanner _scanner;

    public QrScannerTests()
    {
        _module = new Gm65Emulator(_clock, seed: 1);
        _scanner = new QrScanner(_module, _clock, 256);
    }

    private List<ScanEvent> RunUntilIdle(int maxMs = 20_000)
    {
        var events = new List<ScanEvent>();
        for (int t = 0; t < maxMs; t++)
        {
            ScanEvent e;
            while ((e = _scanner.Poll()) != ScanEvent.None) events.Add(e);
            if (_scanner.IsIdle) break;
            _clock.WaitMs(1);
        }
        return events;
    }

    private void Configure()
    {
        Assert.True(_scanner.Configure());
        Assert.Equal([ScanEvent.Configured], RunUntilIdle());
    }

    [Fact]
    public void Configure_FactoryModule_SetsCommandModeCrTailAndSaves()
    {
        Configure();
        Assert.Equal(Gm65Command.ModeCommand, _module.SavedZone(Gm65Command.ZoneSettings) & Gm65Command.ModeMask);
        Assert.Equal(0x80, _module.SavedZone(Gm65Command.ZoneSettings) & 0x80); // other bits kept
        Assert.Equal(Gm65Command.TailCr, _module.SavedZone(Gm65Command.ZoneTail) & Gm65Command.TailMask);
    }

    [Fact]
    public void Trigger_CodePresent_AckThenText()
    {
        Configure();
        byte[] code = "HH1:licence-payload-ABC"u8.ToArray();
        _module.PresentCode(code);
        Assert.True(_scanner.Trigger());
        Assert.Equal([ScanEvent.AckReceived, ScanEvent.TextScanned], RunUntilIdle());
        Assert.Equal(code, _scanner.TextBuffer[.._scanner.TextLength]);
    }

    [Fact]
    public void Trigger_NoCode_TimesOutWithNoCode()
    {
        Configure();
        _scanner.ScanTimeoutMs = 3000;
        _scanner.Trigger();
        Assert.Equal([ScanEvent.AckReceived, ScanEvent.NakOrTimeout], RunUntilIdle());
        Assert.Equal(ScanFailure.NoCode, _scanner.LastFailure);
    }

    [Fact]
    public void Trigger_WithoutConfigure_ModuleInManualModeGivesNoText()
    {
        _module.PresentCode("X"u8.ToArray());
        _scanner.ScanTimeoutMs = 1000;
        _scanner.Trigger();
        Assert.Equal([ScanEvent.AckReceived, ScanEvent.NakOrTimeout], RunUntilIdle());
        Assert.Equal(1, _module.IgnoredTriggers);
    }

    [Fact]
    public void Trigger_OneReplyDropped_RetriesAndSucceeds()
    {
        Configure();
        _module.PresentCode("OK"u8.ToArray());
        _module.DropReplies = 1;
        _scanner.Trigger();
        Assert.Contains(ScanEvent.TextScanned, RunUntilIdle());
    }

    [Fact]
    public void Trigger_AllRepliesDropped_ReportsNoReply()
    {
        Configure();
        _module.DropReplies = 10;
        _scanner.Trigger();
        Assert.Equal([ScanEvent.NakOrTimeout], RunUntilIdle());
        Assert.Equal(ScanFailure.NoReply, _scanner.LastFailure);
    }

    [Fact]
    public void Configure_TruncatedReply_RecoversBy400MsRuleAndRetry()
    {
        _module.TruncateReplies = 1;
        Assert.True(_scanner.Configure());
        Assert.Equal([ScanEvent.Configured], RunUntilIdle());
    }

    [Fact]
    public void Trigger_GarbageBeforeAck_TextStillClean()
    {
        Configure();
        _module.InjectBytes([0x13, 0x02, 0x00, 0x99, 0x7E, 0x41, 0x42]);
        _module.PresentCode("CLEAN"u8.ToArray());
        _scanner.Trigger();
        Assert.Equal([ScanEvent.AckReceived, ScanEvent.TextScanned], RunUntilIdle());
        Assert.Equal("CLEAN"u8.ToArray(), _scanner.TextBuffer[.._scanner.TextLength]);
    }

    [Fact]
    public void Trigger_OverlongOutput_ReportsLineTooLongThenNextScanWorks()
    {
        Configure();
        _module.OverlongOutputBytes = 1000;
        _scanner.Trigger();
        Assert.Equal([ScanEvent.AckReceived, ScanEvent.LineTooLong], RunUntilIdle());
        _module.PresentCode("NEXT"u8.ToArray());
        _scanner.Trigger();
        Assert.Equal([ScanEvent.AckReceived, ScanEvent.TextScanned], RunUntilIdle());
    }

    [Fact]
    public void Poll_StrayTextOutsideScan_IsDroppedNotReported()
    {
        Configure();
        _module.InjectBytes("STRAY\r"u8.ToArray());
        _clock.WaitMs(50);
        Assert.Equal(ScanEvent.None, _scanner.Poll());
        Assert.Equal(1, _scanner.StrayLines);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Trigger_NoisyLine_AlwaysEndsIdleWithAnOutcome(int seed)
    {
        var module = new Gm65Emulator(_clock, seed) { NoiseProbability = 0.05 };
        var scanner = new QrScanner(module, _clock, 64) { ScanTimeoutMs = 2000 };
        module.PresentCode("NOISY-PAYLOAD-0123456789"u8.ToArray());
        for (int round = 0; round < 20; round++)
        {
            scanner.Trigger();
            bool ended = false;
            for (int t = 0; t < 10_000 && !ended; t++)
            {
                ScanEvent e;
                while ((e = scanner.Poll()) != ScanEvent.None)
                    if (e is ScanEvent.TextScanned or ScanEvent.NakOrTimeout or ScanEvent.LineTooLong) ended = true;
                _clock.WaitMs(1);
            }
            Assert.True(ended && scanner.IsIdle);
        }
    }

    [Fact]
    public void Poll_SteadyState_AllocatesNothing()
    {
        Configure();
        _module.PresentCode("ALLOC-CHECK"u8.ToArray());
        _scanner.Trigger();
        RunUntilIdle();
        _scanner.Trigger(); // warm path once more, then measure the scanner alone
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++) _scanner.Poll();
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
    }
}
