using System;
using System.IO;
using Handheld.Core.Ports;

namespace Handheld.Firmware.Adapters
{
    /// <summary>
    /// IBlockStorage over preallocated files on the ESP32's littlefs drive "I:". The region is split into
    /// fixed-size segment files (e.g. I:\rec0.bin … rec8.bin of 16 KB) because littlefs is copy-on-write:
    /// overwriting bytes inside a file rewrites the file from that block to its end when it is flushed, so a
    /// single 144 KB file would need 144 KB of free space and time per record. With 16 KB segments a record
    /// write costs at most one segment copy. littlefs commits a file on flush/close atomically (old or new
    /// content after a power cut), which is stronger than the port's "any prefix" contract.
    /// Fresh segments are filled with 0xFF so unwritten bytes read as erased flash.
    /// </summary>
    public sealed class FlashBlockStorage : IBlockStorage, IDisposable
    {
        private readonly FileStream[] _segments;
        private readonly int _segmentSize;
        private readonly bool[] _dirty;

        /// <param name="pathPrefix">e.g. "I:\\rec"; segment n is pathPrefix + n + ".bin".</param>
        public FlashBlockStorage(string pathPrefix, int segmentCount, int segmentSize)
        {
            _segmentSize = segmentSize;
            _segments = new FileStream[segmentCount];
            _dirty = new bool[segmentCount];
            byte[] erased = null;
            for (int i = 0; i < segmentCount; i++)
            {
                string path = pathPrefix + i.ToString() + ".bin";
                bool exists = File.Exists(path);
                FileStream fs = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (!exists || fs.Length != segmentSize)
                {
                    // Preallocate once (first boot or after a changed budget), filled as erased flash.
                    if (erased == null)
                    {
                        erased = new byte[1024];
                        for (int j = 0; j < erased.Length; j++) erased[j] = 0xFF;
                    }
                    fs.SetLength(0);
                    fs.Position = 0;
                    for (int done = 0; done < segmentSize; done += erased.Length)
                    {
                        int n = segmentSize - done < erased.Length ? segmentSize - done : erased.Length;
                        fs.Write(erased, 0, n);
                    }
                    fs.Flush();
                }
                _segments[i] = fs;
            }
        }

        public int Capacity { get { return _segments.Length * _segmentSize; } }

        public void Read(int position, byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int seg = position / _segmentSize, within = position % _segmentSize;
                int n = _segmentSize - within < count ? _segmentSize - within : count;
                FileStream fs = _segments[seg];
                fs.Position = within;
                int got = 0;
                while (got < n)
                {
                    int r = fs.Read(buffer, offset + got, n - got);
                    if (r <= 0) break;
                    got += r;
                }
                for (int i = got; i < n; i++) buffer[offset + i] = 0xFF;
                position += n; offset += n; count -= n;
            }
        }

        public void Write(int position, byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int seg = position / _segmentSize, within = position % _segmentSize;
                int n = _segmentSize - within < count ? _segmentSize - within : count;
                FileStream fs = _segments[seg];
                fs.Position = within;
                fs.Write(buffer, offset, n);
                _dirty[seg] = true;
                position += n; offset += n; count -= n;
            }
        }

        public void Flush()
        {
            for (int i = 0; i < _segments.Length; i++)
            {
                if (!_dirty[i]) continue;
                _segments[i].Flush();
                _dirty[i] = false;
            }
        }

        public void Dispose()
        {
            for (int i = 0; i < _segments.Length; i++) _segments[i].Close();
        }
    }
}
