namespace Handheld.Core.Fluorescence
{
    /// <summary>Integer square root without Math (single precision on the device): floor(√v) for v ≥ 0.</summary>
    public static class IntSqrt
    {
        public static long Of(long v)
        {
            if (v < 2) return v < 0 ? 0 : v;
            // Start at 2^ceil(bits/2) ≥ √v (at most 2^32, so x + v/x cannot overflow); from an over-estimate
            // Newton's iteration decreases monotonically to floor(√v), here in about five steps.
            long x = 1;
            for (long t = v; t > 0; t >>= 2) x <<= 1;
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
