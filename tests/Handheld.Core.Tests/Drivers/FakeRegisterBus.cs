using Handheld.Core.Ports;

namespace Handheld.Core.Tests.Drivers;

/// <summary>Records transfers and answers reads from a scripted byte; enough to check the wire format.</summary>
internal sealed class FakeRegisterBus : IRegisterBus
{
    public int Address => 0x29;
    public bool Nack;
    public byte Answer;
    public readonly List<byte[]> Writes = new();

    public bool Write(byte[] data, int count)
    {
        if (Nack) return false;
        Writes.Add(data.Take(count).ToArray());
        return true;
    }

    public bool WriteRead(byte[] write, int writeCount, byte[] read, int readCount)
    {
        if (Nack) return false;
        Writes.Add(write.Take(writeCount).ToArray());
        for (int i = 0; i < readCount; i++) read[i] = Answer;
        return true;
    }
}
