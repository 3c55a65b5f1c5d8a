using System.Reflection;
using System.Reflection.Emit;
using Handheld.Core.Crypto;

namespace Handheld.Benchmarks.Crypto;

/// <summary>
/// Device-time proxy for the nanoFramework interpreter, where every IL instruction costs about the same.
/// Model: IL per verification = Σ over the hot methods of (calls × IL executed per call), where IL per call is
/// built from the compiled method bodies of Handheld.Core: the IL bytes are decoded, each loop (a backward
/// branch) is measured in instructions per iteration, and iteration counts come from the algorithm (L limbs,
/// exponent bits, blocks). Call counts are analytic (e.g. RSA: bits(e) − 1 squarings + popcount(e) − 1
/// multiplications + 1 entry into the Montgomery domain). Not counted: calls into the runtime (Array.Copy
/// counts as one instruction), argument checks and the code outside the listed methods (a few thousand
/// instructions).
/// Run: dotnet run -c Release --project tests/Handheld.Benchmarks -- --device-estimate
/// </summary>
public static class DeviceEstimate
{
    private sealed record Loop(int Start, int End, int Instructions, int Multiplies);
    private sealed record Body(int Total, List<Loop> Loops, int[] Offsets);

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static int Run()
    {
        var asm = typeof(Sha256).Assembly;
        Type T(string name) => asm.GetType("Handheld.Core.Crypto." + name, true)!;
        Body mul = Decode(T("Montgomery"), "Mul");
        Body fromBytes = Decode(T("Montgomery"), "FromBytes");
        Body compare = Decode(T("Montgomery"), "Compare");
        Body subtract = Decode(T("Montgomery"), "Subtract");
        Body add = Decode(T("Montgomery"), "Add");
        Body compress = Decode(typeof(Sha256), "Compress");

        // Montgomery.Mul loops in source order: zeroing (L), outer (L/4 passes), inner (L+? per pass), normalise (L).
        var ml = mul.Loops.OrderBy(l => l.Start).ToList();
        var inner = ml.Where(l => ml.Any(o => o != l && o.Start <= l.Start && o.End >= l.End)).Single();
        var outer = ml.Single(o => o != inner && o.Start <= inner.Start && o.End >= inner.End);
        var flat = ml.Where(l => l != inner && l != outer).ToList();
        int outside = mul.Total - ml.Where(l => l != inner).Sum(l => l.Instructions);
        // Each outer pass does 8·L multiply-accumulates in the inner loop; the number of IL `mul` opcodes in the
        // inner loop body gives the multiply-accumulates per iteration, hence iterations per pass.
        int macsPerIteration = inner.Multiplies;
        long MulIl(int limbs) =>
            outside + flat.Sum(l => (long)l.Instructions * limbs)
            + (long)(limbs / 4) * (outer.Instructions - inner.Instructions)
            + (long)(limbs / 4) * (8L * limbs / macsPerIteration) * inner.Instructions;

        Console.WriteLine("Device-time proxy (IL instructions, nanoFramework interpreter model)");
        Console.WriteLine($"  Montgomery.Mul: inner loop {inner.Instructions} IL per iteration of {macsPerIteration} multiply-accumulates "
                          + $"({(double)inner.Instructions / macsPerIteration:F1} IL/MAC), outer pass overhead {outer.Instructions - inner.Instructions} IL, "
                          + $"{outside} IL outside loops");

        foreach (var (bits, e) in new[] { (2048, 65537L), (2048, 3L), (3072, 65537L) })
        {
            int w = bits <= 3470 ? 28 : 27;
            int limbs = ((bits + 2 + w - 1) / w + 3) & ~3;
            int eBits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)e);
            int muls = (eBits - 1) + (System.Numerics.BitOperations.PopCount((ulong)e) - 1) + 1;
            long macs = (long)muls * 2 * limbs * limbs;
            int k = bits / 8;
            var fl = fromBytes.Loops.OrderBy(l => l.Start).ToList(); // clearing loop (L + 4), byte loop (k)
            long fb = fromBytes.Total - fl.Sum(l => l.Instructions) + (long)fl[0].Instructions * (limbs + 4) + (long)fl[1].Instructions * k;
            long il = muls * MulIl(limbs) + 2 * fb + 2 * LoopCost(compare, limbs) + LoopCost(subtract, limbs)
                      + (eBits - 1) * 20L;
            Console.WriteLine($"  RSA-{bits} e={e}: {limbs} limbs of {w} bits, {muls} Montgomery multiplications, "
                              + $"{macs:N0} multiply-accumulate steps, ≈ {il / 1e6:F2} M IL per verification (digest given)");
        }

        // P-256: the field and scalar routines are straight-line code (their IL count is their cost), but how
        // many run depends on the wNAF digits of u1 and u2 and on the unreduced-value formulas, so this model no
        // longer estimates a verification: the exact count comes from the instrumenting counter.
        {
            Type pf = T("P256Field"), ps = T("P256Scalar");
            Console.WriteLine($"  P-256 field: Mul {Decode(pf, "Mul").Total} IL, Sqr {Decode(pf, "Sqr").Total} IL, Sub {Decode(pf, "Sub").Total} IL; "
                              + $"scalar Mul {Decode(ps, "Mul").Total} IL, Sqr {Decode(ps, "Sqr").Total} IL");
            Console.WriteLine("  ECDSA P-256 verification: exact executed-IL counts with dotnet run -c Release --project tools/Handheld.IlCounter -- --only P-256");
        }

        Console.WriteLine($"  SHA-256 Compress: {compress.Total} IL in the body, loops {string.Join("/", compress.Loops.OrderBy(l => l.Start).Select(l => l.Instructions))} IL per iteration");
        Console.WriteLine($"  SHA-256 of 300 bytes (5 blocks): ≈ {ShaIl(compress, 300) / 1e3:F1} k IL");
        Console.WriteLine("  Device goals (issue 5): RSA-2048 e=65537 ≤ 2.0 M, e=3 ≤ 0.4 M, SHA-256(300 B) ≤ 60 k.");
        return 0;
    }

    private static long ShaIl(Body compress, int bytes)
    {
        int blocks = (bytes + 9 + 63) / 64;
        var loops = compress.Loops.OrderBy(l => l.Start).ToList();
        int[] iterations = { 16, 48, 8 };
        long perBlock = compress.Total - loops.Sum(l => l.Instructions);
        for (int i = 0; i < loops.Count; i++) perBlock += (long)loops[i].Instructions * iterations[i];
        return blocks * perBlock + 8 * 12 + 100; // + Final's output loop and padding, roughly
    }

    private static long LoopCost(Body b, int iterations) =>
        b.Total - b.Loops.Sum(l => l.Instructions) + b.Loops.Sum(l => (long)l.Instructions * iterations);

    private static Body Decode(Type type, string name)
    {
        var m = type.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)!;
        byte[] il = m.GetMethodBody()!.GetILAsByteArray()!;
        var offsets = new List<int>();
        var muls = new List<int>();
        var loops = new List<(int Target, int BranchOffset)>();
        int pos = 0;
        while (pos < il.Length)
        {
            int start = pos;
            short value = il[pos++];
            if (value == 0xFE) value = (short)(0xFE00 | il[pos++]);
            var op = OpCodesByValue[value];
            int operand = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, pos),
                _ => 4,
            };
            if (op.OperandType == OperandType.ShortInlineBrTarget || op.OperandType == OperandType.InlineBrTarget)
            {
                int delta = op.OperandType == OperandType.ShortInlineBrTarget ? (sbyte)il[pos] : BitConverter.ToInt32(il, pos);
                int target = pos + operand + delta;
                if (target <= start) loops.Add((target, start));
            }
            offsets.Add(start);
            if (op.Value == OpCodes.Mul.Value) muls.Add(start);
            pos += operand;
        }
        var arr = offsets.ToArray();
        var result = loops.Select(l => new Loop(l.Target, l.BranchOffset,
            arr.Count(o => o >= l.Target && o <= l.BranchOffset),
            muls.Count(o => o >= l.Target && o <= l.BranchOffset))).ToList();
        return new Body(arr.Length, result, arr);
    }
}
