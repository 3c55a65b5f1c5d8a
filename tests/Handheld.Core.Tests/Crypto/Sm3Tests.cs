using System.Text;
using Handheld.Core.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Handheld.Core.Tests.Crypto;

public sealed class Sm3Tests
{
    public static IEnumerable<object[]> StandardVectors() =>
        CryptoTestData.SemicolonRecords("sm2", "sm3.txt").Select(r => new object[] { r[0], r[1] });

    [Theory]
    [MemberData(nameof(StandardVectors))]
    public void Hash_Gbt32905Examples_MatchDigest(string message, string digest)
    {
        byte[] m = Encoding.ASCII.GetBytes(message);
        Assert.Equal(digest, CryptoTestData.ToHex(Sm3.Hash(m, 0, m.Length)));
    }

    [Fact]
    public void Update_RandomLengthsAndSplits_AgreesWithBouncyCastle()
    {
        var rng = new Random(3205);
        var sm3 = new Sm3();
        var output = new byte[32];
        for (int len = 0; len <= 300; len++)
        {
            byte[] m = new byte[len];
            rng.NextBytes(m);
            int split = len == 0 ? 0 : rng.Next(len + 1);
            sm3.Update(m, 0, split);
            sm3.Update(m, split, len - split);
            sm3.Final(output, 0);
            var bc = new SM3Digest();
            bc.BlockUpdate(m, 0, m.Length);
            var expected = new byte[32];
            bc.DoFinal(expected, 0);
            Assert.True(expected.AsSpan().SequenceEqual(output), "length " + len + " split " + split);
        }
    }

    [Fact]
    public void Final_ResetsForTheNextMessage()
    {
        var sm3 = new Sm3();
        byte[] abc = Encoding.ASCII.GetBytes("abc");
        var first = new byte[32];
        var second = new byte[32];
        sm3.Update(abc, 0, 3);
        sm3.Final(first, 0);
        sm3.Update(abc, 0, 3);
        sm3.Final(second, 0);
        Assert.Equal(first, second);
    }
}
