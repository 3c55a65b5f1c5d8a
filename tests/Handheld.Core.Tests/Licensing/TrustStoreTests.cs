using Handheld.Core.Crypto;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Licensing;

public class TrustStoreTests
{
    [Fact]
    public void TryAdd_DuplicateFullOrMalformed_Refused()
    {
        var store = new TrustStore(new ManagedSignatureEngine(), 1);
        var key = LicenceFixtures.Key(LicenceFixtures.Rsa);
        Assert.True(store.TryAdd(key));
        Assert.NotNull(key.PreparedKey);
        Assert.False(store.TryAdd(LicenceFixtures.Key(LicenceFixtures.Rsa))); // duplicate
        Assert.False(store.TryAdd(LicenceFixtures.Key(LicenceFixtures.Ec))); // full
        var bad = new TrustedKey(new byte[8], SignatureAlgorithm.RsaPkcs1Sha256, new byte[] { 0x30, 0x00 }, 0, 1, null!, null!, "bad");
        Assert.False(new TrustStore(new ManagedSignatureEngine(), 4).TryAdd(bad));
        Assert.Same(key, store.Find(key.KeyId, 0));
        Assert.Equal(1, store.Count);
        store.Clear();
        Assert.Equal(0, store.Count);
        Assert.Null(store.Find(key.KeyId, 0));
    }

    [Theory]
    [InlineData(999, true)]
    [InlineData(1000, false)]
    [InlineData(1999, false)]
    [InlineData(2000, true)] // the expiry instant itself is stale, as for ListFormat.IsStale (ble-protocol.md §6)
    [InlineData(2001, true)]
    public void IsStaleAt_ListWindow_FailsClosedOutside(long at, bool stale)
    {
        var store = new TrustStore(new ManagedSignatureEngine(), 1);
        Assert.True(store.IsStaleAt(at)); // no list info: stale
        store.SetListInfo(3, 1000, 2000);
        Assert.Equal(stale, store.IsStaleAt(at));
    }

    [Fact]
    public void TrustedKey_Restrictions_EmptyMeansAny()
    {
        var any = LicenceFixtures.Key(LicenceFixtures.Rsa, []);
        Assert.True(any.AllowsProvince("京"));
        Assert.False(any.IsRestricted);
        var some = LicenceFixtures.Key(LicenceFixtures.Rsa, ["鲁"], ["JZ"]);
        Assert.True(some.AllowsProvince("鲁"));
        Assert.False(some.AllowsProvince("京"));
        Assert.False(some.AllowsSector(null!));
    }
}
