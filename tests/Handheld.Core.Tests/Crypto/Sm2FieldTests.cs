using System.Numerics;
using Handheld.Core.Crypto;

namespace Handheld.Core.Tests.Crypto;

/// <summary>The SM2 field routines against BigInteger: random values and the edges of their input range
/// (0, p − 1, p, 2p, 2^257 − 1, limbs at their maximum).</summary>
public sealed class Sm2FieldTests
{
    private static readonly BigInteger P = BigInteger.Pow(2, 256) - BigInteger.Pow(2, 224) - BigInteger.Pow(2, 96) + BigInteger.Pow(2, 64) - 1;
    private static readonly BigInteger RInv = BigInteger.ModPow(BigInteger.Pow(2, 261), P - 2, P);
    private static readonly BigInteger Bound = BigInteger.Pow(2, 257);

    private static uint[] Limbs(BigInteger v)
    {
        var r = new uint[9];
        for (int i = 0; i < 8; i++) { r[i] = (uint)(v & 0x1FFFFFFF); v >>= 29; }
        r[8] = (uint)v;
        return r;
    }

    private static BigInteger Value(uint[] a)
    {
        BigInteger v = 0;
        for (int i = 8; i >= 0; i--) v = (v << 29) + a[i];
        return v;
    }

    private static IEnumerable<BigInteger> Inputs()
    {
        var rng = new Random(32918);
        var edges = new[] { BigInteger.Zero, BigInteger.One, P - 1, P, P + 1, 2 * P - 1, 2 * P, Bound - 1, BigInteger.Pow(2, 256) - 1, BigInteger.Pow(2, 256) };
        foreach (var e in edges) yield return e;
        for (int i = 0; i < 400; i++)
        {
            var b = new byte[33];
            rng.NextBytes(b);
            b[32] &= 1; // below 2^257
            yield return new BigInteger(b, isUnsigned: true);
        }
    }

    private static void AssertLoose(BigInteger expectedModP, uint[] r, string what)
    {
        BigInteger v = Value(r);
        Assert.True(v < Bound, what + ": result not below 2^257");
        for (int i = 0; i < 8; i++) Assert.True(r[i] <= 0x1FFFFFFF, what + ": limb " + i + " not normalised");
        Assert.True(((v - expectedModP) % P + P) % P == 0, what + ": wrong residue");
    }

    [Fact]
    public void Operations_RandomAndEdgeInputs_MatchBigInteger()
    {
        var xs = Inputs().ToArray();
        var r = new uint[9];
        for (int i = 0; i < xs.Length; i++)
        {
            BigInteger a = xs[i], b = xs[(i * 7 + 3) % xs.Length];
            uint[] la = Limbs(a), lb = Limbs(b);
            Sm2Field.Mul(la, lb, r); AssertLoose(a * b * RInv, r, "mul");
            Sm2Field.Sqr(la, r); AssertLoose(a * a * RInv, r, "sqr");
            Sm2Field.Add(la, lb, r); AssertLoose(a + b, r, "add");
            Sm2Field.Sub(la, lb, r); AssertLoose(a - b, r, "sub");
            for (int k = 0; k <= 8; k++) { Sm2Field.MulSmall(la, k, r); AssertLoose(k * a, r, "mul " + k); }
            Sm2Field.Canonical(la, r);
            Assert.Equal(a % P, Value(r));
            Assert.Equal(a % P == 0, Sm2Field.IsZero(la, r));
            Assert.Equal((a - b) % P == 0, Sm2Field.Equal(la, lb, r));
        }
    }

    [Fact]
    public void Mul_AliasedOutput_SameAsSeparate()
    {
        foreach (var a in Inputs().Take(50))
        {
            uint[] la = Limbs(a), separate = new uint[9];
            Sm2Field.Sqr(la, separate);
            Sm2Field.Mul(la, la, la);
            Assert.Equal(separate, la);
        }
    }

    [Fact]
    public void Bytes_RoundTrip_AndR2IsRSquaredModP()
    {
        var rng = new Random(5);
        var buf = new byte[32];
        var back = new byte[32];
        var l = new uint[9];
        for (int i = 0; i < 200; i++)
        {
            rng.NextBytes(buf);
            Sm2Field.FromBytes(buf, 0, l);
            Assert.Equal(new BigInteger(buf, isUnsigned: true, isBigEndian: true), Value(l));
            Sm2Field.ToBytes(l, back, 0);
            Assert.Equal(buf, back);
        }
        Assert.Equal(BigInteger.Pow(2, 522) % P, Value(Sm2Field.R2));
        Assert.Equal(P, Value(Sm2Field.P));
    }
}
