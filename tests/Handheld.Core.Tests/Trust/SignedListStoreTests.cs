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
        Assert.Equal(newer.Length, hash.Bytes);
    }

    [Fact]
    public void Load_NewerSlotDataCorrupted_OlderActive()
    {
        var (flash, older, newer) = TwoGenerations();
        var probe = new SignedListStore(flash, new Sha256());
        flash.Write(probe.ActiveDataPosition + 100, new byte[] { (byte)(newer[100] ^ 0x01) }, 0, 1);
        var hash = new CountingHash();
        var store = new SignedListStore(flash, hash);
        Assert.Equal(older, store.ReadActive());
        Assert.Equal(newer.Length + older.Length, hash.Bytes);
    }

    [Fact]
    public void Load_NewerHeaderErased_OlderActive()
    {
        var (flash, older, _) = TwoGenerations();
        var probe = new SignedListStore(flash, new Sha256());
        flash.Write(probe.ActiveDataPosition - SignedListStore.SlotHeaderLength, new byte[SignedListStore.SlotHeaderLength], 0, SignedListStore.SlotHeaderLength);
        Assert.Equal(older, new SignedListStore(flash, new Sha256()).ReadActive());
    }

    [Fact]
    public void Load_NothingCommitted_NoActiveList()
    {
        var store = new SignedListStore(new ArrayBlockStorage(2 * 8192), new Sha256());
        Assert.False(store.HasActive);
        Assert.Null(store.ReadActive());
    }
}
