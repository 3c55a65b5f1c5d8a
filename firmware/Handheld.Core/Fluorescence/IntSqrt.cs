namespace Handheld.Core.Fluorescence
{
    /// <summary>Integer square root without Math (single precision on the device): floor(√v) for v ≥ 0.</summary>
    public static class IntSqrt
    {
        public static long Of(long v)
        {
            if (v < 2) return v < 0 ? 0 : v;
            // Newton's iteration from an over-estimate (v/2 ≥ √v for v ≥ 4; exact for 2 and 3) decreases
            // monotonically to floor(√v); starting at v/2 keeps x + v/x from overflowing.
            long x = v / 2;
            long y = (x + v / x) / 2;
            while (y < x)
            {
                x = y;
                y = (x + v / x) / 2;
            }
            return x;
        }
    }
}
