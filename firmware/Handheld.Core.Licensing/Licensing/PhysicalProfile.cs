using Handheld.Core.Text;

namespace Handheld.Core.Licensing
{
    /// <summary>Colours the security paper's random fibres glow under 365 nm UV (payload field 0x0B).</summary>
    [System.Flags]
    public enum FibreColours : byte
    {
        None = 0,
        Blue = 1,
        Green = 2,
        Red = 4,
    }

    /// <summary>
    /// How the sheet carrying this QR was printed. Signed with the licence, so a genuine QR copied onto a
    /// forged sheet fails the physical check.
    /// </summary>
    public sealed class PhysicalProfile
    {
        private string _microText;

        public PhysicalProfile(FibreColours expectedFibres, bool uvDullPaper, string microText)
        {
            ExpectedFibres = expectedFibres;
            UvDullPaper = uvDullPaper;
            _microText = microText == null ? "" : microText;
            MicroTextUtf8 = Utf8.Encode(_microText);
        }

        private PhysicalProfile(FibreColours expectedFibres, bool uvDullPaper, byte[] microTextUtf8)
        {
            ExpectedFibres = expectedFibres;
            UvDullPaper = uvDullPaper;
            MicroTextUtf8 = microTextUtf8;
        }

        /// <summary>A profile whose micro-text is given as UTF-8 (as the payload holds it; empty when none).</summary>
        public static PhysicalProfile FromUtf8(FibreColours expectedFibres, bool uvDullPaper, byte[] microTextUtf8)
        {
            return new PhysicalProfile(expectedFibres, uvDullPaper, microTextUtf8 == null ? new byte[0] : microTextUtf8);
        }

        /// <summary>Fibre colours expected under UV (flags).</summary>
        public FibreColours ExpectedFibres { get; }
        /// <summary>True when the sheet is UV-dull security paper (no optical brightener).</summary>
        public bool UvDullPaper { get; }
        /// <summary>The micro-text printed on the sheet as UTF-8; empty when none, null when the text given to the
        /// constructor held a lone surrogate (the encoder refuses it).</summary>
        public byte[] MicroTextUtf8 { get; }

        /// <summary>The micro-text printed on the sheet; empty when none.</summary>
        public string MicroText
        {
            get
            {
                if (_microText == null && MicroTextUtf8 != null)
                {
                    _microText = Utf8.Decode(MicroTextUtf8, 0, MicroTextUtf8.Length);
                }
                return _microText;
            }
        }
    }
}
