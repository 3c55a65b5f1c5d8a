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
}
