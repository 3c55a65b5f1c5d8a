using Handheld.Core.Fluorescence;
using Handheld.Core.Protocol;

namespace Handheld.Core.Calibration
{
    /// <summary>
    /// What one sweep over a zone of the calibration tile (hardware/calibration.md) measured: the paper
    /// background per band (cps16, ambient-cancelled, dark offset applied, unit gain), the paper class and fibre
    /// events the physical check found, and the sampler fault (0 = none). Wire and storage form (17 bytes):
    /// blue i32, green i32, red i32, paper u8, blueEvents u8, greenEvents u8, redEvents u8, fault u8.
    /// </summary>
    public sealed class TileZone
    {
        public const int EncodedLength = 17;
        /// <summary>Zone indices: A UV-dull reference, B brightened, C fibres in both colours.</summary>
        public const int A = 0, B = 1, C = 2, Count = 3;

        public int Blue, Green, Red;
        public PaperClass Paper;
        public int BlueEvents, GreenEvents, RedEvents;
        public SamplerFault Fault;

        public void Clear()
        {
            Blue = 0; Green = 0; Red = 0; Paper = PaperClass.Unknown;
            BlueEvents = 0; GreenEvents = 0; RedEvents = 0; Fault = SamplerFault.None;
        }

        public void CopyFrom(TileZone z)
        {
            Blue = z.Blue; Green = z.Green; Red = z.Red; Paper = z.Paper;
            BlueEvents = z.BlueEvents; GreenEvents = z.GreenEvents; RedEvents = z.RedEvents; Fault = z.Fault;
        }

        public void Encode(PayloadWriter w)
        {
            w.U32((uint)Blue);
            w.U32((uint)Green);
            w.U32((uint)Red);
            w.U8((byte)Paper);
            w.U8(Clamp8(BlueEvents));
            w.U8(Clamp8(GreenEvents));
            w.U8(Clamp8(RedEvents));
            w.U8((byte)Fault);
        }

        /// <summary>Reads the 17-byte form; false on a paper class outside 0–2 (the reader's Ok covers length).</summary>
        public bool Decode(PayloadReader r)
        {
            Blue = (int)r.U32();
            Green = (int)r.U32();
            Red = (int)r.U32();
            int paper = r.U8();
            BlueEvents = r.U8();
            GreenEvents = r.U8();
            RedEvents = r.U8();
            Fault = (SamplerFault)r.U8();
            if (paper > (int)PaperClass.Brightened) return false;
            Paper = (PaperClass)paper;
            return r.Ok;
        }

        /// <summary>Reads the 17-byte form at <paramref name="p"/> without a reader object (the stored form, parsed
        /// at every slot read-back); false on a paper class outside 0–2.</summary>
        public bool ReadFrom(byte[] b, int p)
        {
            int paper = b[p + 12];
            if (paper > (int)PaperClass.Brightened) return false;
            Blue = (int)LittleEndian.ReadU32(b, p);
            Green = (int)LittleEndian.ReadU32(b, p + 4);
            Red = (int)LittleEndian.ReadU32(b, p + 8);
            Paper = (PaperClass)paper;
            BlueEvents = b[p + 13];
            GreenEvents = b[p + 14];
            RedEvents = b[p + 15];
            Fault = (SamplerFault)b[p + 16];
            return true;
        }

        private static int Clamp8(int v) { return v < 0 ? 0 : v > 255 ? 255 : v; }
    }
}
