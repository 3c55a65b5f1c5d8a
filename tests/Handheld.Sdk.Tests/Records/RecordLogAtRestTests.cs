using System.Security.Cryptography;
using Handheld.Core.Checksums;
using Handheld.Core.Ports;
using Handheld.Core.Records;
using Handheld.Core.Trust;
using Handheld.Sdk.Records;

namespace Handheld.Sdk.Tests.Records;

/// <summary>
/// Issue 13 finding 4: the attacks on a log at rest that layout 1 (CRC-only superblock) reported INTACT, now
/// caught by the authenticated superblock and its committed-through mark, at boot (RecordLog.Open) and by
/// <see cref="RecordLogVerifier"/>.
/// </summary>
public class RecordLogAtRestTests
{
    private static readonly byte[] Key = Convert.FromHexString("4F1C2B3A5D6E7F80112233445566778899AABBCCDDEEFF00102030405060708A");

    private static void Erase(byte[] image, uint fromSeq, uint throughSeq)
    {
        int start = RecordLogVerifierTests.EntryOffset(image, fromSeq);
        int end = RecordLogVerifierTests.EntryOffset(image, throughSeq + 1);
        Array.Fill(image, (byte)0xFF, start, end - start);
    }

    private static LogOpenResult OpenAtBoot(byte[] image) =>
        new RecordLog(new ArrayBlockStorage((byte[])image.Clone()), Key).Open();

    private static byte[] SyncedImage(int count, uint syncedThrough)
    {
        byte[] image = RecordLogVerifierTests.BuildImage(count);
        var log = new RecordLog(new ArrayBlockStorage(image), Key);
        Assert.Equal(LogOpenResult.Ok, log.Open());
        Assert.Equal(SyncResult.Ok, log.MarkSynced(syncedThrough));
        return image;
    }

    [Fact]
    public void Verify_NewestFiveRecordsErased_ReportsTruncated()
    {
        byte[] image = RecordLogVerifierTests.BuildImage(12);
        Erase(image, 8, 12);
        Assert.Equal(LogOpenResult.Truncated, OpenAtBoot(image));
        var result = RecordLogVerifier.Verify(image, Key);
        Assert.False(result.Intact);
        Assert.Equal("Truncated", result.OpenResult);
        Assert.Equal(8u, result.FirstBadSequence);
        Assert.Contains("records 8..12 missing", result.Problem);
    }

    [Fact]
    public void Verify_SyncedRecordsErased_ReportsTruncatedAndKeepsSyncedThrough()
    {
        byte[] image = SyncedImage(12, 10);
        Erase(image, 9, 12);
        var result = RecordLogVerifier.Verify(image, Key);
        Assert.False(result.Intact);
        Assert.Equal("Truncated", result.OpenResult);
        Assert.Contains("records 9..12 missing", result.Problem);
    }

    [Fact]
    public void Verify_OldestRecordsErased_ReportsTruncatedHead()
    {
        byte[] image = RecordLogVerifierTests.BuildImage(10);
        Erase(image, 1, 3);
        Assert.Equal(LogOpenResult.Truncated, OpenAtBoot(image));
        var result = RecordLogVerifier.Verify(image, Key);
        Assert.False(result.Intact);
        Assert.Equal(1u, result.FirstBadSequence);
        Assert.Contains("records 1..10 missing", result.Problem);
    }

    /// <summary>The attacker knows the layout but not the key: both superblocks rewritten with a good CRC to
    /// move the tail past the three oldest unsynced records (and the hash before the tail to match).</summary>
    [Fact]
    public void Verify_CrcOnlySuperblockRewriteDroppingOldestUnsynced_ReportsAuthenticationFailed()
    {
        byte[] image = RecordLogVerifierTests.BuildImage(10);
        int tail = RecordLogVerifierTests.EntryOffset(image, 4);
        int r3 = RecordLogVerifierTests.EntryOffset(image, 3);
        byte[] hashBeforeTail = SHA256.HashData(image.AsSpan(r3 + RecordLog.EntryHeaderBytes, tail - r3 - RecordLog.EntryOverheadBytes));
        for (int slot = 0; slot < 2; slot++)
        {
            int b = slot * RecordLog.SuperblockBytes;
            BitConverter.GetBytes((uint)tail).CopyTo(image, b + 12);
            BitConverter.GetBytes(4u).CopyTo(image, b + 16);
            BitConverter.GetBytes(3u).CopyTo(image, b + 20);
            hashBeforeTail.CopyTo(image, b + 32);
            int crcAt = RecordLog.SuperblockBytes - 4;
            BitConverter.GetBytes(Crc32.Compute(image, b, crcAt)).CopyTo(image, b + crcAt);
        }
        Assert.Equal(LogOpenResult.AuthenticationFailed, OpenAtBoot(image));
        var result = RecordLogVerifier.Verify(image, Key);
        Assert.False(result.Intact);
        Assert.Equal("AuthenticationFailed", result.OpenResult);
        Assert.Contains("superblock", result.Problem);
    }

    [Fact]
    public void Open_TruncatedLog_RefusesAppendAndSyncAndLeavesImageUnchanged()
    {
        byte[] image = RecordLogVerifierTests.BuildImage(6);
        Erase(image, 5, 6);
        byte[] before = (byte[])image.Clone();
        var log = new RecordLog(new ArrayBlockStorage(image), Key);
        Assert.Equal(LogOpenResult.Truncated, log.Open());
        Assert.Equal(4u, log.LastSequence);
        Assert.Equal(6u, log.CommittedThrough);
        Assert.Equal(AppendResult.NotReady, log.Append(new InspectionRecord()));
        Assert.Equal(SyncResult.NotReady, log.MarkSynced(4));
        Assert.Equal(before, image);
    }

    [Fact]
    public void Open_LayoutOneImage_ReportsUnsupportedLayoutWithoutFormatting()
    {
        var image = new byte[16 * 1024];
        Array.Fill(image, (byte)0xFF);
        // A layout-1 superblock: "HRLS", version 1, generation 1, tail 128, tail sequence 1, CRC over 0..59.
        var sb = new byte[64];
        "HRLS"u8.CopyTo(sb);
        sb[4] = 1;
        BitConverter.GetBytes(1u).CopyTo(sb, 8);
        BitConverter.GetBytes(128u).CopyTo(sb, 12);
        BitConverter.GetBytes(1u).CopyTo(sb, 16);
        BitConverter.GetBytes(Crc32.Compute(sb, 0, 60)).CopyTo(sb, 60);
        sb.CopyTo(image, 64);
        byte[] before = (byte[])image.Clone();
        var log = new RecordLog(new ArrayBlockStorage(image), Key);
        Assert.Equal(LogOpenResult.UnsupportedLayout, log.Open());
        Assert.Equal(before, image);
        Assert.Contains("layout-1", RecordLogVerifier.Verify(image, Key).Problem);
    }
}
