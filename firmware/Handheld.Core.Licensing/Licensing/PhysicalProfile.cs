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
        public PhysicalProfile(FibreColours expectedFibres, bool uvDullPaper, string microText)
        {
            ExpectedFibres = expectedFibres;
            UvDullPaper = uvDullPaper;
            MicroText = microText == null ? "" : microText;
        }

        /// <summary>Fibre colours expected under UV (flags).</summary>
        public FibreColours ExpectedFibres { get; }
        /// <summary>True when the sheet is UV-dull security paper (no optical brightener).</summary>
        public bool UvDullPaper { get; }
        /// <summary>The micro-text printed on the sheet; empty when none.</summary>
        public string MicroText { get; }
    }
}
