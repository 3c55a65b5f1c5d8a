using Handheld.Core.Ports;

namespace Handheld.Simulator.Emulators;

/// <summary>
/// In-memory <see cref="IBlockStorage"/> with power-cut injection. Erased bytes read 0xFF. A cut is armed
/// at byte <c>k</c> of the <c>n</c>-th write from now: the first <c>k</c> bytes of that write persist, the
/// rest of it and every later write or flush are lost until <see cref="Reboot"/>, exactly the "any prefix"
/// promise of the port. Writes are counted so a test can first measure how many writes an operation makes.
/// </summary>
public sealed class SimulatedFlash : IBlockStorage
{
    private readonly byte[] _cells;
    private int _cutWrite = -1;
    private int _cutByte;

    public SimulatedFlash(int capacity)
    {
        _cells = new byte[capacity];
        Array.Fill(_cells, (byte)0xFF);
    }

    public int Capacity => _cells.Length;

    /// <summary>Writes performed since creation (including the one that was cut).</summary>
    public int WriteCount { get; private set; }

    /// <summary>Bytes written since creation.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>True once an armed cut has happened: the device is "off" until <see cref="Reboot"/>.</summary>
    public bool PoweredOff { get; private set; }

    /// <summary>Arms a power cut at byte <paramref name="byteIndex"/> of the write
    /// <paramref name="writesFromNow"/> writes ahead (0 = the next write). A byte index at or beyond the
    /// write's length lets the write complete and cuts before the following operation.</summary>
    public void ArmPowerCut(int writesFromNow, int byteIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(writesFromNow);
        ArgumentOutOfRangeException.ThrowIfNegative(byteIndex);
        _cutWrite = WriteCount + writesFromNow;
        _cutByte = byteIndex;
    }

    /// <summary>Power returns: later writes take effect again.</summary>
    public void Reboot()
    {
        PoweredOff = false;
        _cutWrite = -1;
    }

    public void Read(int position, byte[] buffer, int offset, int count)
    {
        CheckRange(position, count);
        Buffer.BlockCopy(_cells, position, buffer, offset, count);
    }

    public void Write(int position, byte[] buffer, int offset, int count)
    {
        CheckRange(position, count);
        int index = WriteCount++;
        if (PoweredOff) return;
        int n = count;
        if (index == _cutWrite)
        {
            n = Math.Min(count, _cutByte);
            PoweredOff = true;
        }
        Buffer.BlockCopy(buffer, offset, _cells, position, n);
        BytesWritten += n;
    }

    public void Flush()
    {
        // Writes are applied immediately; the cut model above already covers "durable only after Flush"
        // for a device that dies mid-write.
    }

    /// <summary>A copy of the whole region (e.g. to save as a log image for <c>handheld records verify</c>).</summary>
    public byte[] Snapshot() => (byte[])_cells.Clone();

    /// <summary>Replaces the region's contents (e.g. a saved image).</summary>
    public void Load(byte[] image)
    {
        if (image.Length != _cells.Length) throw new ArgumentException("Image size differs from the flash capacity.", nameof(image));
        Buffer.BlockCopy(image, 0, _cells, 0, image.Length);
    }

    /// <summary>Flips one byte in place (tamper tests).</summary>
    public void Corrupt(int position, byte xorMask) => _cells[position] ^= xorMask;

    private void CheckRange(int position, int count)
    {
        if (position < 0 || count < 0 || position > _cells.Length - count)
            throw new ArgumentOutOfRangeException(nameof(position), $"Access {position}+{count} outside 0..{_cells.Length}.");
    }
}
