namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// Order statistics on int arrays without Array.Sort (absent on the device) and without allocation:
    /// an in-place quickselect with a middle pivot. Reorders the first n elements of the buffer.
    /// </summary>
    public static class IntSelect
    {
        /// <summary>Returns the k-th smallest (0-based) of buffer[0..n); the buffer is partially reordered.</summary>
        public static int Select(int[] buffer, int n, int k)
        {
            if (n <= 0) return 0;
            if (k < 0) k = 0;
            if (k >= n) k = n - 1;
            int lo = 0, hi = n - 1;
            while (lo < hi)
            {
                int pivot = buffer[lo + (hi - lo) / 2];
                int i = lo, j = hi;
                while (i <= j)
                {
                    while (buffer[i] < pivot) i++;
                    while (buffer[j] > pivot) j--;
                    if (i <= j)
                    {
                        int t = buffer[i]; buffer[i] = buffer[j]; buffer[j] = t;
                        i++; j--;
                    }
                }
                if (k <= j) hi = j;
                else if (k >= i) lo = i;
                else return buffer[k];
            }
            return buffer[k];
        }

        /// <summary>The value at <paramref name="permille"/>/1000 of the way through buffer[0..n) in rank order.</summary>
        public static int Quantile(int[] buffer, int n, int permille)
        {
            if (n <= 0) return 0;
            int k = (int)(((long)(n - 1) * permille) / 1000);
            return Select(buffer, n, k);
        }
    }
}
