using Handheld.Core.Records;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Records;

public class RecordLogEntryTests
{
    private static byte[] LogImage(int records)
    {
        var storage = new ArrayBlockStorage(RecordLog.DataStart + 4 * RecordLog.MaxEntryBytes);
        var log = new RecordLog(storage, RecordCodecTests.Key);
        Assert.Equal(LogOpenResult.Formatted, log.Open());
        for (int i = 0; i < records; i++) Assert.Equal(AppendResult.Ok, log.Append(RecordCodecTests.Sample()));
        var image = new byte[storage.Capacity];
        storage.Read(0, image, 0, image.Length);
        return image;
    }

    [Fact]
    public void RecordEntryLength_AppendedEntries_GiveSequenceAndLengthWithMatchingCrc()
    {
        byte[] image = LogImage(2);
        int first = RecordLog.RecordEntryLength(image, RecordLog.DataStart, out uint seq1);
        Assert.Equal(1u, seq1);
        Assert.Equal(RecordCodec.EncodedLength(RecordCodecTests.Sample()), first);
        Assert.True(RecordLog.EntryCrcMatches(image, RecordLog.DataStart, first));
        int at = RecordLog.DataStart + RecordLog.EntryOverheadBytes + first;
        Assert.Equal(first, RecordLog.RecordEntryLength(image, at, out uint seq2));
        Assert.Equal(2u, seq2);
        Assert.True(RecordLog.EntryCrcMatches(image, at, first));
    }

    [Fact]
    public void RecordEntryLength_NotAtAnEntryStart_IsMinusOne()
    {
        byte[] image = LogImage(1);
        Assert.Equal(-1, RecordLog.RecordEntryLength(image, RecordLog.DataStart + 1, out _));
        Assert.Equal(-1, RecordLog.RecordEntryLength(image, 0, out _)); // superblock
    }

    [Fact]
    public void EntryCrcMatches_BodyByteChanged_IsFalse()
    {
        byte[] image = LogImage(1);
        int len = RecordLog.RecordEntryLength(image, RecordLog.DataStart, out _);
        image[RecordLog.DataStart + RecordLog.EntryHeaderBytes + 5] ^= 0x01;
        Assert.False(RecordLog.EntryCrcMatches(image, RecordLog.DataStart, len));
    }
}
