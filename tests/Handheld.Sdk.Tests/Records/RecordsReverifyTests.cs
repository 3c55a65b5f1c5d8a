using System.Text.Json;
using Handheld.Sdk.Device;
using Handheld.Sdk.Records;
using Handheld.Simulator.Link;
using static Handheld.Sdk.Tests.Device.DeviceTestKit;

namespace Handheld.Sdk.Tests.Records;

/// <summary>Issue 13 finding 5's remedy, <c>handheld records reverify --keys FILE</c>: kept-apart records re-checked
/// with the right key under the store's link and fork rules; released on the device only by the next sync.</summary>
[Collection("Console")]
public class RecordsReverifyTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(o);
        Console.SetError(e);
        try { return (Handheld.Cli.Program.BuildRoot().Parse(args).Invoke(), o.ToString(), e.ToString()); }
        finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
    }

    private static byte[] Read(SimulatedDevice d, long seq)
    {
        var buf = new byte[2048];
        return buf[..d.ReadRecord(seq, buf)];
    }

    private static RecordCodecVerifier WrongKey(SimulatedDevice d) =>
        new(new Dictionary<string, byte[]> { [Convert.ToHexString(d.DeviceId)] = new byte[32] });

    private static string KeyFile(string dir, params SimulatedDevice[] devices)
    {
        string path = Path.Combine(dir, "keys.txt");
        File.WriteAllLines(path, devices.Select(d => Convert.ToHexString(d.DeviceId) + " " + Convert.ToHexString(d.RecordKey)));
        return path;
    }

    [Fact]
    public void Reverify_RightKeyFile_PromotesKeptApartRecords()
    {
        using var fx = new ReadableStoreFixture(importKey: new byte[32]);
        string keys = Path.Combine(fx.Dir, "keys.txt");
        File.WriteAllText(keys, "# corrected\n" + ReadableStoreFixture.Id + " " + Convert.ToHexString(ReadableStoreFixture.Key) + "\n");
        var (code, output, _) = Run("records", "reverify", "--db", fx.Db, "--keys", keys);
        Assert.Equal(0, code);
        Assert.StartsWith("3 record(s) now verified, 0 still kept apart", output);
        using var store = new SqliteRecordStore(fx.Db);
        Assert.All(store.Records(), r => Assert.Equal(RecordState.Verified, r.State));
    }

    [Fact]
    public void Reverify_WrongKeyFile_ExitOneRecordsStayKeptApartAndListed()
    {
        using var fx = new ReadableStoreFixture(importKey: new byte[32]);
        string keys = Path.Combine(fx.Dir, "keys.txt");
        File.WriteAllText(keys, ReadableStoreFixture.Id + " " + new string('1', 64) + "\n");
        var (code, output, _) = Run("records", "reverify", "--db", fx.Db, "--keys", keys, "--json");
        Assert.Equal(1, code);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(0, root.GetProperty("promoted").GetInt32());
        Assert.Equal(3, root.GetProperty("remaining").GetInt32());
        Assert.Equal("rejected", root.GetProperty("records")[0].GetProperty("state").GetString());
        Assert.Equal("record BadMac", root.GetProperty("records")[0].GetProperty("reason").GetString());
        using var store = new SqliteRecordStore(fx.Db);
        Assert.All(store.Records(), r => Assert.Equal(RecordState.Rejected, r.State));
    }

    [Theory]
    [InlineData("", "--keys: no 'deviceIdHex recordKeyHex' line")]
    [InlineData("A1B2 00112233\n", "--keys: line 1: the record key is not 64 hex digits")]
    [InlineData("\nnot-a-device-id\n", "--keys: line 2: not 'deviceIdHex recordKeyHex'")]
    public void Reverify_BadKeyFile_ExitTwoNamingTheLine(string content, string expected)
    {
        using var fx = new ReadableStoreFixture(importKey: new byte[32]);
        string keys = Path.Combine(fx.Dir, "keys.txt");
        File.WriteAllText(keys, content);
        var (code, _, err) = Run("records", "reverify", "--db", fx.Db, "--keys", keys);
        Assert.Equal(2, code);
        Assert.StartsWith("error: " + expected, err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void Reverify_MissingKeyFileOrDb_ExitTwo()
    {
        using var fx = new ReadableStoreFixture(importKey: new byte[32]);
        var (code, _, err) = Run("records", "reverify", "--db", fx.Db, "--keys", Path.Combine(fx.Dir, "nope.txt"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: --keys: cannot read", err);
        string keys = Path.Combine(fx.Dir, "keys.txt");
        File.WriteAllText(keys, ReadableStoreFixture.Id + " " + Convert.ToHexString(ReadableStoreFixture.Key) + "\n");
        (code, _, err) = Run("records", "reverify", "--db", Path.Combine(fx.Dir, "none.db"), "--keys", keys);
        Assert.Equal(2, code);
        Assert.StartsWith("error: --db: no such file", err);
        (code, _, err) = Run("records", "reverify", "--db", fx.Db, "--keys", keys, "--device", "00FF");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --keys: no key for device 00FF", err);
    }

    /// <summary>Contiguity applies: a record behind a gap stays unlinked after reverify, and is verified (with those
    /// after it) once the gap's record is imported.</summary>
    [Fact]
    public void Reverify_RecordsBehindAGap_StayUnlinkedUntilTheGapFills()
    {
        var d = NewDevice(5);
        using var store = new SqliteRecordStore(":memory:");
        string id = Convert.ToHexString(d.DeviceId);
        var wrong = new RecordImporter(store, WrongKey(d));
        foreach (long s in new long[] { 1, 2, 4, 5 }) Assert.Equal(ImportOutcome.Rejected, wrong.Import(id, 1, s, Read(d, s)));
        var right = new RecordImporter(store, Verifier(d));
        var (promoted, remaining) = right.Reverify();
        Assert.Equal(2, promoted);
        Assert.Equal(2, remaining);
        Assert.Equal(RecordState.Unlinked, store.Find(id, 1, 4)!.State);
        Assert.Equal(2, right.ReleasableThrough(id, 1, 0, 5));
        Assert.Equal(ImportOutcome.Stored, right.Import(id, 1, 3, Read(d, 3)));
        Assert.All(store.Records(), r => Assert.Equal(RecordState.Verified, r.State));
        Assert.Equal(5, right.ReleasableThrough(id, 1, 0, 5));
    }

    /// <summary>Fork rules apply: the primary copy verifies, but the forked sequence is never releasable.</summary>
    [Fact]
    public void Reverify_ForkedSequence_PromotedButNotReleasable()
    {
        var a = NewDevice(3, seed: 41);
        var b = NewDevice(0, seed: 41);
        b.AddSampleRecords(3, seed: 42); // same id and key, other records under 1..3
        using var store = new SqliteRecordStore(":memory:");
        string id = Convert.ToHexString(a.DeviceId);
        var wrong = new RecordImporter(store, WrongKey(a));
        for (long s = 1; s <= 3; s++) wrong.Import(id, 1, s, Read(a, s));
        Assert.Equal(ImportOutcome.Fork, wrong.Import(id, 1, 2, Read(b, 2)));
        var right = new RecordImporter(store, Verifier(a));
        Assert.Equal((3, 0), right.Reverify());
        Assert.Equal(1, right.ReleasableThrough(id, 1, 0, 3));
        Assert.Single(store.Forks());
    }

    /// <summary>End to end: a sync with a wrong key releases nothing; reverify alone releases nothing on the device; the
    /// next sync releases everything without the records being lost in between.</summary>
    [Fact]
    public async Task Reverify_BetweenWrongKeySyncAndNextSync_DeviceReleasesOnlyAtTheNextSync()
    {
        var d = NewDevice(12);
        string dir = Directory.CreateTempSubdirectory("handheld-reverify-").FullName;
        string db = Path.Combine(dir, "records.db");
        try
        {
            using (var store = new SqliteRecordStore(db))
            await using (var c = new DeviceClient(new LoopbackLink(d.Handler, 185, true)))
                Assert.Equal(12, (await c.SyncAsync(store, WrongKey(d))).Rejected);
            Assert.Equal(0, d.SyncedThrough);
            Assert.Equal(0, Run("records", "reverify", "--db", db, "--keys", KeyFile(dir, d)).Code);
            Assert.Equal(0, d.SyncedThrough);
            using (var store = new SqliteRecordStore(db))
            await using (var c = new DeviceClient(new LoopbackLink(d.Handler, 185, true)))
            {
                var s = await c.SyncAsync(store, Verifier(d));
                Assert.Equal(0, s.Stored);
                Assert.True(s.Clean, string.Join("; ", s.Anomalies.Select(x => x.Kind)));
            }
            Assert.Equal(12, d.SyncedThrough);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
