using System.Numerics;
using Handheld.Core.Crypto;

namespace Handheld.Core.Tests.Crypto;

/// <summary>
/// P256Field, P256Scalar and the constant G table against BigInteger: values, the output bound (below 2p) and
/// the limb bounds the point formulas rely on, including operands at the largest limbs the formulas can feed a
/// multiplication (a column overflow would give a wrong product here).
/// </summary>
public class P256FieldTests
{
    private static readonly BigInteger P = BigInteger.Parse("0FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", System.Globalization.NumberStyles.HexNumber);
    private static readonly BigInteger N = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);
    private static readonly BigInteger R = BigInteger.One << 280;
    private const ulong Mask = (1UL << 28) - 1;

    private static BigInteger V(ulong[] a)
    {
        BigInteger v = 0;
        for (int i = 9; i >= 0; i--) v = (v << 28) + a[i];
        return v;
    }

    private static ulong[] L(BigInteger v)
    {
        var a = new ulong[16];
        for (int i = 0; i < 9; i++)
        {
            a[i] = (ulong)(v & Mask);
            v >>= 28;
        }
        a[9] = (ulong)v;
        return a;
    }

    private static BigInteger Rand(Random rng, BigInteger below)
    {
        var b = new byte[40];
        rng.NextBytes(b);
        return BigInteger.Remainder(new BigInteger(b, isUnsigned: true), below);
    }

    private static BigInteger Mont(BigInteger a, BigInteger b, BigInteger m) => a * b * BigInteger.ModPow(R, m - 2, m) % m;

    private static void AssertNormalised(ulong[] a)
    {
        for (int i = 0; i < 9; i++) Assert.True(a[i] <= Mask, "limb " + i + " = " + a[i]);
    }

    private static ulong[] Filled(ulong limb, ulong top)
    {
        var a = new ulong[16];
        for (int i = 0; i < 9; i++) a[i] = limb;
        a[9] = top;
        return a;
    }

    [Fact]
    public void MulSqr_RandomOperandsBelow300p_GiveABRinvBelow2p()
    {
        var rng = new Random(256);
        for (int round = 0; round < 500; round++)
        {
            BigInteger a = Rand(rng, 300 * P), b = Rand(rng, 300 * P);
            var r = new ulong[16];
            P256Field.Mul(L(a), L(b), r);
            Assert.Equal(Mont(a, b, P), V(r) % P);
            Assert.True(V(r) < 2 * P);
            AssertNormalised(r);
            P256Field.Sqr(L(a), r);
            Assert.Equal(Mont(a, a, P), V(r) % P);
            Assert.True(V(r) < 2 * P);
            AssertNormalised(r);
        }
    }

    [Fact]
    public void Mul_LargestUnnormalisedOperands_NoColumnOverflow()
    {
        // Point coordinates are normalised and below 34p (limb 9 ≤ 544); products are below 2p (limb 9 ≤ 31).
        ulong[] coord = Filled(Mask, 544), prod = Filled(Mask, 31), zero = new ulong[16];
        var alpha = new ulong[16];
        var u = new ulong[16];
        var beta4 = new ulong[16];
        var h = new ulong[16];
        var z2 = new ulong[16];
        P256Field.Sub3(coord, zero, alpha);            // Double: 3(x − δ), largest limbs with δ = 0
        P256Field.AddU(coord, prod, u);                // x + δ
        P256Field.Sub4(prod, zero, beta4);             // 4β − x3
        P256Field.SubU(prod, zero, h);                 // MAdd: H, r, V − X3
        P256Field.AddU(prod, prod, z2);                // z3 = 2yz
        var cases = new (ulong[] A, ulong[] B)[] { (alpha, u), (prod, beta4), (h, h), (prod, h), (z2, z2), (coord, z2), (coord, coord) };
        foreach (var (a, b) in cases)
        {
            var r = new ulong[16];
            P256Field.Mul(a, b, r);
            Assert.Equal(Mont(V(a), V(b), P), V(r) % P);
            Assert.True(V(r) < 2 * P);
            if (a == b)
            {
                P256Field.Sqr(a, r);
                Assert.Equal(Mont(V(a), V(a), P), V(r) % P);
                Assert.True(V(r) < 2 * P);
            }
        }
    }

    [Fact]
    public void LinearCombinations_RandomOperands_AddTheirMultipleOfP()
    {
        var rng = new Random(7);
        BigInteger k1 = 32 * P, k2 = 64 * P;
        for (int round = 0; round < 500; round++)
        {
            BigInteger a = Rand(rng, 34 * P), b = Rand(rng, 34 * P), m = Rand(rng, 2 * P), m2 = Rand(rng, 2 * P);
            var r = new ulong[16];
            P256Field.Add(L(a), L(b), r);
            Assert.Equal(a + b, V(r));
            AssertNormalised(r);
            P256Field.AddU(L(a), L(b), r);
            Assert.Equal(a + b, V(r));
            P256Field.Sub(L(a), L(b), r);
            Assert.Equal(a + k2 - b, V(r));
            AssertNormalised(r);
            P256Field.SubU(L(a), L(b), r);
            Assert.Equal(a + k2 - b, V(r));
            P256Field.Sub3(L(a), L(b), r);
            Assert.Equal(3 * (a + k2 - b), V(r));
            P256Field.Sub4(L(m), L(b), r);
            Assert.Equal(4 * m + k2 - b, V(r));
            P256Field.SubM(L(a), L(m), r);
            Assert.Equal(a + k1 - m, V(r));
            AssertNormalised(r);
            P256Field.SubM8(L(a), L(m), r);
            Assert.Equal(a + k1 - 8 * m, V(r));
            AssertNormalised(r);
            P256Field.SubM2(L(a), L(m), L(m2), r);
            Assert.Equal(a + k1 - m - 2 * m2, V(r));
            AssertNormalised(r);
            P256Field.Neg(L(m), r);
            Assert.Equal(k1 - m, V(r));
            AssertNormalised(r);
            P256Field.Canonical(L(3 * (a + k2)), r);
            Assert.Equal(3 * (a + k2) % P, V(r));
        }
    }

    [Fact]
    public void IsZeroOrP_ZeroAndP_TrueOthersFalse()
    {
        Assert.True(P256Field.IsZeroOrP(L(0)));
        Assert.True(P256Field.IsZeroOrP(L(P)));
        Assert.False(P256Field.IsZeroOrP(L(1)));
        Assert.False(P256Field.IsZeroOrP(L(P - 1)));
        Assert.False(P256Field.IsZeroOrP(L(P + 1)));
        Assert.False(P256Field.IsZeroOrP(L(BigInteger.One << 28)));
    }

    [Fact]
    public void GTable_HoldsOddMultiplesOfGInTheMontgomeryDomain()
    {
        var g = (X: BigInteger.Parse("06b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", System.Globalization.NumberStyles.HexNumber),
                 Y: BigInteger.Parse("04fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", System.Globalization.NumberStyles.HexNumber));
        var g2 = Add(g, g);
        var pt = g;
        Assert.Equal(320, P256GTable.X.Length);
        Assert.Equal(320, P256GTable.Y.Length);
        for (int i = 0; i < 32; i++)
        {
            BigInteger x = 0, y = 0;
            for (int j = 9; j >= 0; j--)
            {
                x = (x << 28) + P256GTable.X[10 * i + j];
                y = (y << 28) + P256GTable.Y[10 * i + j];
            }
            Assert.Equal(pt.X * R % P, x);
            Assert.Equal(pt.Y * R % P, y);
            pt = Add(pt, g2);
        }
    }

    private static (BigInteger X, BigInteger Y) Add((BigInteger X, BigInteger Y) a, (BigInteger X, BigInteger Y) b)
    {
        BigInteger lambda = a == b
            ? (3 * a.X * a.X - 3) * BigInteger.ModPow(2 * a.Y, P - 2, P)
            : (b.Y - a.Y) * BigInteger.ModPow(((b.X - a.X) % P + P) % P, P - 2, P);
        lambda = (lambda % P + P) % P;
        BigInteger x = ((lambda * lambda - a.X - b.X) % P + P) % P;
        return (x, ((lambda * (a.X - x) - a.Y) % P + P) % P);
    }

    [Fact]
    public void ScalarInvert_RandomScalars_GivesInverseInTheMontgomeryDomain()
    {
        var rng = new Random(11);
        var pow = new ulong[8][];
        for (int i = 0; i < 8; i++) pow[i] = new ulong[16];
        foreach (BigInteger s in new[] { BigInteger.One, N - 1, 2 }.Concat(Enumerable.Range(0, 20).Select(_ => Rand(rng, N - 1) + 1)))
        {
            var sm = new ulong[16];
            var r = new ulong[16];
            P256Scalar.Mul(L(s), P256Scalar.R2, sm);
            P256Scalar.Invert(sm, r, pow, new ulong[16]);
            Assert.Equal(BigInteger.ModPow(s, N - 2, N) * R % N, V(r) % N);
            Assert.True(V(r) < 2 * N);
        }
    }
}
