namespace Handheld.Core.Protocol
{
    /// <summary>Little-endian integer access to byte arrays. Callers check bounds first (the codecs do).</summary>
    public static class LittleEndian
    {
        public static void WriteU16(byte[] b, int o, int v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
        }

        public static void WriteU32(byte[] b, int o, uint v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
            b[o + 2] = (byte)(v >> 16);
            b[o + 3] = (byte)(v >> 24);
        }

        public static void WriteI64(byte[] b, int o, long v)
        {
            WriteU32(b, o, (uint)v);
            WriteU32(b, o + 4, (uint)(v >> 32));
        }

        public static int ReadU16(byte[] b, int o)
        {
            return b[o] | (b[o + 1] << 8);
        }

        public static int ReadU24(byte[] b, int o)
        {
            return b[o] | (b[o + 1] << 8) | (b[o + 2] << 16);
        }

        public static uint ReadU32(byte[] b, int o)
        {
            return (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));
        }

        public static long ReadI64(byte[] b, int o)
        {
            return (long)ReadU32(b, o) | ((long)ReadU32(b, o + 4) << 32);
        }
    }
}
