using System.Numerics;
using System.Security.Cryptography;
using Handheld.Core.Crypto;
using static Handheld.Core.Tests.Crypto.CryptoTestData;

namespace Handheld.Core.Tests.Crypto;

public class MontgomeryTests
{
    private static BigInteger Value(Montgomery m, ulong[] limbs)
    {
        BigInteger v = 0;
        for (int i = m.L - 1; i >= 0; i--) v = (v << m.W) + limbs[i];
        return v;
    }

    [Theory]
    [InlineData(256)]
    [InlineData(2048)]
    [InlineData(3072)]
    [InlineData(4096)]
    public void Mul_RandomOperands_EqualsABRinvModN(int bits)
    {
        var rng = new Random(bits);
        for (int round = 0; round < 20; round++)
        {
            var nb = new byte[bits / 8];
            rng.NextBytes(nb);
            nb[0] |= 0x80;
            nb[^1] |= 1;
            if (bits == 256 && round == 0) nb = Convert.FromHexString("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
            var n = new BigInteger(nb, isUnsigned: true, isBigEndian: true);
            var m = new Montgomery(nb, 0, nb.Length, bits);
            var R = BigInteger.One << (m.W * m.L);
            Assert.Equal(R * R % n, Value(m, m.R2) % n);
            Assert.True(Value(m, m.R2) < 2 * n);
            var a = BigInteger.Remainder(new BigInteger(RandomNumberGenerator.GetBytes(bits / 8 + 1), true), 2 * n);
            var b = BigInteger.Remainder(new BigInteger(RandomNumberGenerator.GetBytes(bits / 8 + 1), true), 2 * n);
            var al = m.NewLimbs();
            var bl = m.NewLimbs();
            m.FromBytes(Be(a, bits / 8 + 1), 0, bits / 8 + 1, al);
            m.FromBytes(Be(b, bits / 8 + 1), 0, bits / 8 + 1, bl);
            var r = m.NewLimbs();
            m.Mul(al, bl, r);
            var rv = Value(m, r);
            Assert.True(rv < 2 * n);
            // r·R ≡ a·b (mod n)
            Assert.Equal(BigInteger.Zero, BigInteger.Remainder(rv * R - a * b, n));
        }
    }

    // The dedicated squaring against BigInteger, with L = 8k + 4 (2048, 3072) and L = 8k (4096: L = 152; 256: L = 12) block layouts, and the largest inputs (2n − 1 under an all-ones modulus) for the column-sum headroom.
    [Theory]
    [InlineData(256)]
    [InlineData(2048)]
    [InlineData(2056)]
    [InlineData(3072)]
    [InlineData(3464)]
    [InlineData(4096)]
    public void Sqr_RandomAndExtremeOperands_EqualsA2RinvModN(int bits)
    {
        var rng = new Random(bits + 1);
        for (int round = 0; round < 24; round++)
        {
            var nb = new byte[bits / 8];
            rng.NextBytes(nb);
            nb[0] |= 0x80;
            nb[^1] |= 1;
            if (round < 2) Array.Fill(nb, (byte)0xFF);
            var n = new BigInteger(nb, isUnsigned: true, isBigEndian: true);
            var m = new Montgomery(nb, 0, nb.Length, bits);
            var R = BigInteger.One << (m.W * m.L);
            var a = round switch
            {
                0 => 2 * n - 1,
                1 => n - 1,
                _ => BigInteger.Remainder(new BigInteger(RandomNumberGenerator.GetBytes(bits / 8 + 1), true), 2 * n),
            };
            var al = m.NewLimbs();
            m.FromBytes(Be(a, bits / 8 + 1), 0, bits / 8 + 1, al);
            var r = m.NewLimbs();
            m.Sqr(al, r);
            var rv = Value(m, r);
            Assert.True(rv < 2 * n);
            Assert.Equal(BigInteger.Zero, BigInteger.Remainder(rv * R - a * a, n));
            // In place, as the exponentiation uses it, and twice in a row (the scratch must come back zeroed).
            m.Sqr(al, al);
            Assert.Equal(rv, Value(m, al));
            m.Sqr(al, al);
            Assert.Equal(BigInteger.Zero, BigInteger.Remainder(Value(m, al) * R - rv * rv, n));
            Assert.Equal(R * R % n, Value(m, m.R2));
        }
    }
}
