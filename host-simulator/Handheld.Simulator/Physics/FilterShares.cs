using Handheld.Simulator.Emulators;

namespace Handheld.Simulator.Physics;

/// <summary>How an emission spectrum divides over a sensor's filters behind the device's emission filter, in permille
/// (largest-remainder rounding, so the shares sum to exactly 1000): the declared entries of the paper catalogue, for
/// the AS7341's F1–F7 (<see cref="DeclaredFibreSpectra"/>) and the TCS34725's R, G, B (<see cref="DeclaredFibreColourShares"/>).</summary>
public static class FilterShares
{
    public static int[] Permille(double[] emission, DeviceOptics optics, double[][] filters)
    {
        var seen = new double[emission.Length];
        for (int i = 0; i < seen.Length; i++) seen[i] = emission[i] * optics.EmissionFilter[i];
        var raw = new double[filters.Length];
        double total = 0;
        for (int c = 0; c < raw.Length; c++) { raw[c] = SpectralResponse.Apply(seen, filters[c]); total += raw[c]; }
        var shares = new int[raw.Length];
        int sum = 0;
        for (int c = 0; c < raw.Length; c++) { shares[c] = (int)Math.Floor(raw[c] * 1000 / total); sum += shares[c]; }
        var order = Enumerable.Range(0, raw.Length).OrderByDescending(c => raw[c] * 1000 / total - shares[c]).ToArray();
        for (int k = 0; sum < 1000; k++, sum++) shares[order[k % order.Length]]++;
        return shares;
    }
}
