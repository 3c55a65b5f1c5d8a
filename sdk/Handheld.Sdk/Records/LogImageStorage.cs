using Handheld.Core.Ports;

namespace Handheld.Sdk.Records;

/// <summary>A record-log image held in memory (a copy: verifying never changes the caller's bytes).</summary>
public sealed class LogImageStorage : IBlockStorage
{
    private readonly byte[] _bytes;

    public LogImageStorage(byte[] image) => _bytes = (byte[])image.Clone();

    public int Capacity => _bytes.Length;

    public void Read(int position, byte[] buffer, int offset, int count) => Buffer.BlockCopy(_bytes, position, buffer, offset, count);

    public void Write(int position, byte[] buffer, int offset, int count) => Buffer.BlockCopy(buffer, offset, _bytes, position, count);

    public void Flush() { }
}
