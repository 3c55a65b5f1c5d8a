using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Handheld.Core.Crypto;

namespace Handheld.Core.Tests.Crypto;

public class Sha256Tests
{
    public static TheoryData<string> NistNames()
    {
        var d = new TheoryData<string>();
        foreach (var r in CryptoTestData.SemicolonRecords("sha256", "nist-fips180-examples.txt")) d.Add(r[0]);
        return d;
    }

    private static (byte[] Message, string Digest) Nist(string name)
    {
        var r = CryptoTestData.SemicolonRecords("sha256", "nist-fips180-examples.txt").Single(x => x[0] == name);
        var sb = new StringBuilder();
        int repeat = int.Parse(r[2], CultureInfo.InvariantCulture);
        for (int i = 0; i < repeat; i++) sb.Append(r[1]);
        return (Encoding.ASCII.GetBytes(sb.ToString()), r[3]);
    }

    [Theory]
    [MemberData(nameof(NistNames))]
    public void Hash_NistExample_MatchesFips180Digest(string name)
    {
        var (msg, digest) = Nist(name);
        Assert.Equal(digest, CryptoTestData.ToHex(Sha256.Hash(msg, 0, msg.Length)));
    }

    [Theory]
    [MemberData(nameof(NistNames))]
    public void Update_OddChunks_MatchesOneShot(string name)
    {
        var (msg, digest) = Nist(name);
        var h = new Sha256();
        int pos = 0, step = 1;
        while (pos < msg.Length)
        {
            int n = Math.Min(step, msg.Length - pos);
            h.Update(msg, pos, n);
            pos += n;
            step = step * 3 % 131 + 1;
        }
        var output = new byte[40];
        h.Final(output, 5);
        Assert.Equal(digest, CryptoTestData.ToHex(output[5..37]));
    }

    [Fact]
    public void Final_ThenReuse_StartsFreshMessage()
    {
        var h = new Sha256();
        var junk = Encoding.ASCII.GetBytes("junk");
        h.Update(junk, 0, junk.Length);
        var out1 = new byte[32];
        h.Final(out1, 0);
        var abc = Encoding.ASCII.GetBytes("abc");
        h.Update(abc, 0, 3);
        h.Final(out1, 0);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CryptoTestData.ToHex(out1));
    }

    [Fact]
    public void Reset_DiscardsPendingInput()
    {
        var h = new Sha256();
        var junk = new byte[100];
        h.Update(junk, 0, 100);
        h.Reset();
        var output = new byte[32];
        h.Final(output, 0);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CryptoTestData.ToHex(output));
    }

    [Fact]
    public void Hash_AllLengthsAroundBlockBoundaries_MatchesDotNet()
    {
        var rng = new Random(5);
        for (int len = 0; len <= 300; len++)
        {
            var msg = new byte[len + 7];
            rng.NextBytes(msg);
            Assert.Equal(SHA256.HashData(msg.AsSpan(3, len)), Sha256.Hash(msg, 3, len));
        }
    }
}
