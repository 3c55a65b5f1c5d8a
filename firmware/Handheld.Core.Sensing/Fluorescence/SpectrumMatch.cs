namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// Integer comparison of an event's shares with the declared fibre spectra: a chi-square in hundredths,
    /// Σ (share − template)² / (σ² + σ₀²) × 100 over F1–F7, with σ the share's predicted noise and σ₀ a floor
    /// for what the noise model does not hold (filter tolerances, baseline error, the paper's light the fibre
    /// covers). Weighting by the noise matters: a broad dye differs from a fibre in two or three filters
    /// (F1 and F2 for blue, F5 and F6 for green) by 50–100 ‰ each, while a plain sum of differences adds
    /// the noise of all seven and drowned that (first attempt: genuine and marker sums overlapped).
    /// Besides each declared colour alone, mixtures of two declared colours in eighths are tried, because a
    /// blue and a green fibre may share the spot; a mixture cannot imitate a broad dye (README).
    /// </summary>
    public static class SpectrumMatch
    {
        /// <summary>Mixture steps between two declared colours (eighths).</summary>
        public const int MixSteps = 8;
        /// <summary>Largest value returned (nothing declared, or far off).</summary>
        public const int MaxDeviation = 1000000000;

        /// <summary>Smallest chi-square (hundredths) of <paramref name="shares"/> to a declared colour or a mixture
        /// of two; <paramref name="colour"/> receives the nearest single colour or the larger part of the mixture.</summary>
        public static int Deviation(int[] shares, int[] sigmas, int floorPermille, DeclaredSpectra declared, out int colour)
        {
            return Deviation(shares, sigmas, floorPermille, declared, out colour, null);
        }

        /// <summary>As above; <paramref name="bestTemplate"/> (seven entries, or null) receives the nearest
        /// declared spectrum or mixture.</summary>
        public static int Deviation(int[] shares, int[] sigmas, int floorPermille, DeclaredSpectra declared, out int colour, int[] bestTemplate)
        {
            return Deviation(shares, sigmas, floorPermille, declared, EventSpectrum.AllChannels, out colour, bestTemplate);
        }

        /// <summary>As above over the filters in <paramref name="mask"/> only (bit c = F(c+1); the joint layout
        /// reads F1, F2, F4, F5 and F7): each declared spectrum or mixture is rescaled to sum 1000 over the mask, as the
        /// shares are. <paramref name="bestTemplate"/> receives all seven entries at that scale (the unread ones
        /// give the broadening direction its neighbours).</summary>
        public static int Deviation(int[] shares, int[] sigmas, int floorPermille, DeclaredSpectra declared, int mask, out int colour, int[] bestTemplate)
        {
            colour = 0;
            long best = MaxDeviation;
            long floor2 = (long)floorPermille * floorPermille;
            for (int a = 1; a <= 4; a <<= 1)
            {
                if (!declared.Has(a)) continue;
                for (int b = a; b <= 4; b <<= 1)
                {
                    if (!declared.Has(b)) continue;
                    int steps = a == b ? 0 : MixSteps;
                    for (int k = 0; k <= steps; k++)
                    {
                        // wa eighths of a, the rest b; a == b is the colour alone.
                        int wa = a == b ? MixSteps : MixSteps - k;
                        long scale = Scale(declared, a, b, wa, mask);
                        if (scale <= 0) continue;
                        long d = 0;
                        for (int c = 0; c < DeclaredSpectra.Channels; c++)
                        {
                            if ((mask & (1 << c)) == 0) continue;
                            long m = (declared.At(a, c) * wa + declared.At(b, c) * (MixSteps - wa)) / MixSteps * scale / 1000;
                            long diff = shares[c] - m;
                            long v = (long)sigmas[c] * sigmas[c] + floor2;
                            d += diff * diff * 100 / (v < 1 ? 1 : v);
                        }
                        if (d < best)
                        {
                            best = d;
                            colour = wa * 2 >= MixSteps ? a : b;
                            if (bestTemplate != null)
                                for (int c = 0; c < DeclaredSpectra.Channels; c++)
                                    bestTemplate[c] = (int)((long)(declared.At(a, c) * wa + declared.At(b, c) * (MixSteps - wa)) / MixSteps * scale / 1000);
                        }
                    }
                }
            }
            return (int)best;
        }

        /// <summary>Most templates <see cref="Templates"/> writes: three single colours and three pairs in MixSteps + 1 mixtures.</summary>
        public const int MaxTemplates = 3 + 3 * (MixSteps + 1);

        /// <summary>
        /// Writes every declared spectrum and mixture of two, rescaled over <paramref name="mask"/> as
        /// <see cref="Deviation(int[],int[],int,DeclaredSpectra,int,out int,int[])"/> forms them, in its order, into
        /// <paramref name="into"/> (MaxTemplates × Channels entries) and the colour it stands for into
        /// <paramref name="colourOf"/>; returns the count. Lets a check judge many spectra of one sweep against the
        /// same templates without recomputing them (the per-event judgement was 14,000 IL instructions an event).
        /// </summary>
        public static int Templates(DeclaredSpectra declared, int mask, int[] into, int[] colourOf)
        {
            int count = 0;
            for (int a = 1; a <= 4; a <<= 1)
            {
                if (!declared.Has(a)) continue;
                for (int b = a; b <= 4; b <<= 1)
                {
                    if (!declared.Has(b)) continue;
                    int steps = a == b ? 0 : MixSteps;
                    for (int k = 0; k <= steps; k++)
                    {
                        int wa = a == b ? MixSteps : MixSteps - k;
                        long scale = Scale(declared, a, b, wa, mask);
                        if (scale <= 0) continue;
                        int o = count * DeclaredSpectra.Channels;
                        for (int c = 0; c < DeclaredSpectra.Channels; c++)
                            into[o + c] = (int)((long)(declared.At(a, c) * wa + declared.At(b, c) * (MixSteps - wa)) / MixSteps * scale / 1000);
                        colourOf[count] = wa * 2 >= MixSteps ? a : b;
                        count++;
                    }
                }
            }
            return count;
        }

        /// <summary>As <see cref="Deviation(int[],int[],int,DeclaredSpectra,int,out int,int[])"/> against the
        /// <paramref name="count"/> templates <see cref="Templates"/> wrote (same result).</summary>
        public static int Deviation(int[] shares, int[] sigmas, int floorPermille, int[] templates, int[] colourOf, int count,
            int mask, out int colour, int[] bestTemplate)
        {
            colour = 0;
            long best = MaxDeviation;
            long floor2 = (long)floorPermille * floorPermille;
            int bestIndex = -1;
            for (int t = 0; t < count; t++)
            {
                int o = t * DeclaredSpectra.Channels;
                long d = 0;
                for (int c = 0; c < DeclaredSpectra.Channels; c++)
                {
                    if ((mask & (1 << c)) == 0) continue;
                    long diff = shares[c] - templates[o + c];
                    long v = (long)sigmas[c] * sigmas[c] + floor2;
                    d += diff * diff * 100 / (v < 1 ? 1 : v);
                }
                if (d < best) { best = d; bestIndex = t; }
            }
            if (bestIndex >= 0)
            {
                colour = colourOf[bestIndex];
                if (bestTemplate != null)
                    for (int c = 0; c < DeclaredSpectra.Channels; c++) bestTemplate[c] = templates[bestIndex * DeclaredSpectra.Channels + c];
            }
            return (int)best;
        }

        // 1000 × 1000 / (the mixture's sum over the mask): rescales it to sum 1000 there; exactly 1000 for all filters.
        private static long Scale(DeclaredSpectra declared, int a, int b, int wa, int mask)
        {
            if (mask == EventSpectrum.AllChannels) return 1000;
            long sum = 0;
            for (int c = 0; c < DeclaredSpectra.Channels; c++)
                if ((mask & (1 << c)) != 0) sum += (declared.At(a, c) * wa + declared.At(b, c) * (MixSteps - wa)) / MixSteps;
            return sum <= 0 ? 0 : 1000000 / sum;
        }

        /// <summary>
        /// How far <paramref name="shares"/> lie from <paramref name="template"/> (a declared spectrum or the
        /// nearest mixture of two, see <see cref="Deviation(int[],int[],int,DeclaredSpectra,out int,int[])"/>) in
        /// the one direction a broad dye takes them, in hundredths of a standard deviation: the direction is the
        /// template's discrete broadening, b_c = (T_{c−1} + T_{c+1}) / 2 − T_c (light moves from the peak filter
        /// to its neighbours), and the statistic is the noise-weighted projection
        /// z = Σ w_c (s_c − T_c) / √(Σ w_c² v_c) with w_c = b_c / v_c and v_c = σ_c² + σ₀². One direction instead
        /// of seven filters: under noise alone z is standard normal whatever the number of filters, so the limit
        /// is a plain one-sided sigma bound, and a marker or printed ink (cos 0.8–1.0 with this direction in the
        /// simulator's spectra) stands out at a fraction of the signal the chi-square needs.
        /// </summary>
        public static int BroadeningCenti(int[] shares, int[] sigmas, int floorPermille, int[] template)
        {
            return BroadeningCenti(shares, sigmas, floorPermille, template, EventSpectrum.AllChannels);
        }

        /// <summary>As above, summed over the filters in <paramref name="mask"/> only; the direction still comes
        /// from all seven template entries (an unread neighbour receives light as a read one does).</summary>
        public static int BroadeningCenti(int[] shares, int[] sigmas, int floorPermille, int[] template, int mask)
        {
            long floor2 = (long)floorPermille * floorPermille;
            long num = 0, den = 0;
            for (int c = 0; c < DeclaredSpectra.Channels; c++)
            {
                if ((mask & (1 << c)) == 0) continue;
                long below = c > 0 ? template[c - 1] : 0;
                long above = c + 1 < DeclaredSpectra.Channels ? template[c + 1] : 0;
                long t = template[c];
                long b = (below + above) / 2 - t;
                long v = (long)sigmas[c] * sigmas[c] + floor2;
                if (v < 1) v = 1;
                long w = b * 1000000 / v;
                num += w * (shares[c] - t);
                den += w * w / 1000 * v / 1000;
            }
            if (den <= 0) return 0;
            long z = num * 100 / (IntSqrt.Of(den) * 1000);
            if (z > MaxDeviation) return MaxDeviation;
            if (z < -MaxDeviation) return -MaxDeviation;
            return (int)z;
        }
    }
}
