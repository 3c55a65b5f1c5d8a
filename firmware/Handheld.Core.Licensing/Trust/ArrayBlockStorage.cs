using Handheld.Core.Ports;

namespace Handheld.Core.Trust
{
    /// <summary>An <see cref="IBlockStorage"/> over a byte array (lists held in RAM on the host, tests).
    /// Fresh storage reads as 0xFF like erased flash.</summary>
    public sealed class ArrayBlockStorage : IBlockStorage
    {
        private readonly byte[] _data;

        public ArrayBlockStorage(int capacity)
        {
            _data = new byte[capacity];
            for (int i = 0; i < capacity; i++) _data[i] = 0xFF;
        }

        public ArrayBlockStorage(byte[] contents)
        {
            _data = contents;
        }

        public int Capacity { get { return _data.Length; } }
        public byte[] Data { get { return _data; } }

        public void Read(int position, byte[] buffer, int offset, int count)
        {
            System.Array.Copy(_data, position, buffer, offset, count);
        }

        public void Write(int position, byte[] buffer, int offset, int count)
        {
            System.Array.Copy(buffer, offset, _data, position, count);
        }

        public void Flush()
        {
        }
    }
}
