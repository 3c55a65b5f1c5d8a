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

        // P-256 (P256PublicKey.Verify): Fermat inversion mod n with the unrolled P256Scalar Mul/Sqr, then
        // u1·G + u2·Q with 4-bit fixed windows on both scalars: 63 × 4 = 252 doublings (4 Sqr + 4 Mul + 14
        // add/sub each, every Mul/Sqr followed by Reduce) and on average 2 × 64 × 15/16 = 120 mixed additions
        // (3 Sqr + 8 Mul + 7 Sub + 2 IsZero), then 1 Sqr + 4 Mul for the final x check. The field routines are
        // straight-line code, so their IL count is their cost; glue (Double, MAdd, FMul/FAdd/FSub wrappers and
        // Verify's loops) is counted from their bodies too. The random-digit average of 120 additions is the
        // one statistical input (worst case 128).
        {
            Type pk = T("P256PublicKey"), pf = T("P256Field"), ps = T("P256Scalar");
            long fMul = Decode(pf, "Mul").Total, fSqr = Decode(pf, "Sqr").Total, fAdd = Decode(pf, "Add").Total,
                 fSub = Decode(pf, "Sub").Total, fRed = Decode(pf, "Reduce").Total;
            long sMul = Decode(ps, "Mul").Total, sSqr = Decode(ps, "Sqr").Total;
            long wMul = Decode(pk, "FMul").Total, wAdd = Decode(pk, "FAdd").Total, wSub = Decode(pk, "FSub").Total;
            long dbl = Decode(pk, "Double").Total, madd = Decode(pk, "MAdd").Total;
            Body verify = Decode(pk, "Verify");
            var n = System.Numerics.BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
                System.Globalization.NumberStyles.HexNumber) - 2;
            int nBits = (int)n.GetBitLength();
            int nPop = n.ToByteArray().Sum(x => System.Numerics.BitOperations.PopCount(x));
            long scalar = (nBits - 1) * sSqr + (nPop - 1 + 3) * sMul;          // + s·R², u1, u2
            long mulR = wMul + fMul + fRed, sqrR = wMul + fSqr + fRed;
            long isZero = LoopCost(compare, 1);                                // early exit on a non-zero low limb
            long perDouble = dbl + 4 * sqrR + 4 * mulR + 9 * (wAdd + fAdd) + 5 * (wSub + fSub);
            long perAdd = madd + 3 * sqrR + 8 * mulR + 7 * (wSub + fSub) + 2 * isZero;
            const int doublings = 252, additions = 120;
            var vl = verify.Loops.OrderBy(l => l.Start).ToList();               // exponent (255), clear (16), windows (64)
            long glue = verify.Total - vl.Sum(l => l.Instructions) + (long)vl[0].Instructions * (nBits - 1)
                        + (long)vl[1].Instructions * 16 + (long)vl[2].Instructions * 64;
            long il = scalar + doublings * perDouble + additions * perAdd + sqrR + 4 * mulR + glue;
            int fieldOps = doublings * 8 + additions * 11 + 5;
            Console.WriteLine($"  P-256 field: Mul {fMul} IL, Sqr {fSqr} IL, Add {fAdd}, Sub {fSub}, Reduce {fRed}; scalar Mul {sMul}, Sqr {sSqr}; "
                              + $"doubling ≈ {perDouble:N0} IL, mixed addition ≈ {perAdd:N0} IL");
            Console.WriteLine($"  ECDSA P-256: {nBits - 1 + nPop + 2} scalar + {fieldOps:N0} field multiplications ({doublings} doublings, "
                              + $"~{additions} mixed additions), ≈ {il / 1e6:F2} M IL per verification (key prepared, digest given)");
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
