using Handheld.Core.Crypto;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Trust;

public class SignedListStoreTests
{
    /// <summary>SHA-256 that counts the bytes it hashes (start-up cost on the device).</summary>
    private sealed class CountingHash : IHash256
    {
        private readonly Sha256 _sha = new();
        public long Bytes;
        public void Reset() => _sha.Reset();
        public void Update(byte[] data, int offset, int count) { Bytes += count; _sha.Update(data, offset, count); }
        public void Final(byte[] output, int offset) => _sha.Final(output, offset);
    }

    private static void Commit(SignedListStore store, byte[] data)
    {
        store.BeginStaging();
        store.WriteStaged(0, data, 0, data.Length);
        store.CommitStaged(data.Length, Sha256.Hash(data, 0, data.Length));
    }

    private static (ArrayBlockStorage Flash, byte[] Older, byte[] Newer) TwoGenerations()
    {
        var flash = new ArrayBlockStorage(2 * 8192);
        var store = new SignedListStore(flash, new Sha256());
        var older = new byte[3000];
        var newer = new byte[5000];
        new Random(1).NextBytes(older);
        new Random(2).NextBytes(newer);
        Commit(store, older);
        Commit(store, newer);
        return (flash, older, newer);
    }

    [Fact]
    public void Load_TwoValidGenerations_NewerActiveAndOnlyItHashed()
    {
        var (flash, _, newer) = TwoGenerations();
        var hash = new CountingHash();
        var store = new SignedListStore(flash, hash);
        Assert.Equal(newer, store.ReadActive());
        // The data once, then the check over the 16 header fields and the data's digest.
        Assert.Equal(newer.Length + 16 + 32, hash.Bytes);
    }

    // Issue 15 item 4: once a list is committed, damage to its slot must not bring the older list back.
    [Fact]
    public void Load_NewerSlotDataCorrupted_NoListNotTheOlder()
    {
        var (flash, _, newer) = TwoGenerations();
        var probe = new SignedListStore(flash, new Sha256());
        flash.Write(probe.ActiveDataPosition + 100, new byte[] { (byte)(newer[100] ^ 0x01) }, 0, 1);
        var store = new SignedListStore(flash, new Sha256());
        Assert.False(store.HasActive);
        Assert.Null(store.ReadActive());
    }

    [Fact]
    public void Load_NewerHeaderErased_NoListNotTheOlder()
    {
        var (flash, _, _) = TwoGenerations();
        var probe = new SignedListStore(flash, new Sha256());
        flash.Write(probe.ActiveDataPosition - SignedListStore.SlotHeaderLength, new byte[SignedListStore.SlotHeaderLength], 0, SignedListStore.SlotHeaderLength);
        Assert.False(new SignedListStore(flash, new Sha256()).HasActive);
    }

    [Fact]
    public void Load_CommitTornBeforeHeader_OlderStaysActive()
    {
        var (flash, older, newer) = TwoGenerations();
        var store = new SignedListStore(flash, new Sha256());
        store.BeginStaging();
        store.WriteStaged(0, older, 0, older.Length); // power cut: the new header is never written
        Assert.Equal(newer, new SignedListStore(flash, new Sha256()).ReadActive());
    }

    private static readonly byte[] SealKey = SignedListStore.DeriveSealKey(new ManagedHmacSha256(), new byte[32], new byte[] { 1, 2, 3 });

    private static SignedListStore Sealed(ArrayBlockStorage flash, IHash256 hash, byte[]? key = null) =>
        new(flash, hash, new ManagedHmacSha256(), key ?? SealKey);

    private static (ArrayBlockStorage Flash, byte[] Older, byte[] Newer) TwoSealedGenerations()
    {
        var flash = new ArrayBlockStorage(2 * 8192);
        var store = Sealed(flash, new Sha256());
        var older = new byte[3000];
        var newer = new byte[5000];
        new Random(3).NextBytes(older);
        new Random(4).NextBytes(newer);
        Commit(store, older);
        Commit(store, newer);
        return (flash, older, newer);
    }

    [Fact]
    public void Load_SealedSlots_NewerActiveWithoutManagedHashing()
    {
        var (flash, _, newer) = TwoSealedGenerations();
        var hash = new CountingHash();
        var store = Sealed(flash, hash);
        Assert.True(store.IsSealed);
        Assert.Equal(newer, store.ReadActive());
        Assert.Equal(0, hash.Bytes);
    }

    [Fact]
    public void Load_SealedNewerSlotCorrupted_NoListNotTheOlder()
    {
        var (flash, _, newer) = TwoSealedGenerations();
        var probe = Sealed(flash, new Sha256());
        flash.Write(probe.ActiveDataPosition + 4999, new byte[] { (byte)(newer[4999] ^ 0x80) }, 0, 1);
        Assert.False(Sealed(flash, new Sha256()).HasActive);
    }

    [Fact]
    public void Load_SealedOlderMinimumBitFlippedAndNewerDamaged_NoList()
    {
        var (flash, _, _) = TwoSealedGenerations();
        var probe = Sealed(flash, new Sha256());
        int newerHeader = probe.ActiveDataPosition - SignedListStore.SlotHeaderLength;
        int olderHeader = newerHeader == 0 ? flash.Capacity / 2 : 0;
        var min = new byte[1];
        flash.Read(olderHeader + 12, min, 0, 1);
        min[0] ^= 0x02; // generation 2 → 0: would let the older slot (generation 1) pass if the header were not checked
        flash.Write(olderHeader + 12, min, 0, 1);
        flash.Write(newerHeader, new byte[4], 0, 4);
        Assert.False(Sealed(flash, new Sha256()).HasActive);
    }

    [Fact]
    public void Load_SealedWithAnotherDeviceKey_NoList()
    {
        var (flash, _, _) = TwoSealedGenerations();
        var otherKey = SignedListStore.DeriveSealKey(new ManagedHmacSha256(), new byte[32], new byte[] { 9 });
        Assert.False(Sealed(flash, new Sha256(), otherKey).HasActive);
        Assert.False(new SignedListStore(flash, new Sha256()).HasActive); // a hashed store never takes a sealed slot
    }

    [Fact]
    public void Load_OlderSealedSlotReplayedBesideIntactNewer_NewerActive()
    {
        var flash = new ArrayBlockStorage(2 * 8192);
        var store = Sealed(flash, new Sha256());
        var older = new byte[700];
        new Random(5).NextBytes(older);
        Commit(store, older);
        var image = new byte[flash.Capacity / 2];
        flash.Read(0, image, 0, image.Length);
        var newer = new byte[900];
        new Random(6).NextBytes(newer);
        Commit(store, newer);
        flash.Write(0, image, 0, image.Length); // an attacker restores the older slot as it was
        Assert.Equal(newer, Sealed(flash, new Sha256()).ReadActive());
    }

    [Fact]
    public void Load_NothingCommitted_NoActiveList()
    {
        var store = new SignedListStore(new ArrayBlockStorage(2 * 8192), new Sha256());
        Assert.False(store.HasActive);
        Assert.Null(store.ReadActive());
    }
}
