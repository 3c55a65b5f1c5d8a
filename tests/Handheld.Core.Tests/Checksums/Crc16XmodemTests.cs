using Handheld.Core.Checksums;
using Handheld.Core.Scanning;

namespace Handheld.Core.Tests.Checksums;

public class Crc16XmodemTests
{
    // Frames from the GM65 manual as quoted in sensor-facts.md §3; CRC covers Type..Data (replies: Status..Data).
    [Theory]
    [InlineData("7E 00 08 01 00 0A 3E 4C CF")] // write zone 0x000A = 0x3E
    [InlineData("7E 00 09 01 00 00 00 DE C8")] // save
    [InlineData("7E 00 08 01 00 02 01 02 DA")] // trigger
    public void Compute_ManualCommandFrame_MatchesTrailingCrc(string hex)
    {
        byte[] frame = Convert.FromHexString(hex.Replace(" ", ""));
        ushort crc = Crc16Xmodem.Compute(frame, 2, frame.Length - 4);
        Assert.Equal((frame[^2] << 8) | frame[^1], crc);
    }

    [Fact]
    public void Compute_WriteOkReply_MatchesManual()
    {
        byte[] reply = Convert.FromHexString("0200000100" + "3331");
        Assert.Equal(0x3331, Crc16Xmodem.Compute(reply, 2, 3));
    }

    [Fact]
    public void Compute_XmodemCheckString_Is31C3()
    {
        // The catalogue check value of CRC-16/XMODEM over "123456789".
        Assert.Equal(0x31C3, Crc16Xmodem.Compute("123456789"u8.ToArray(), 0, 9));
    }

    [Theory]
    [InlineData("SaveFrame", "7E 00 09 01 00 00 00 DE C8")]
    [InlineData("TriggerFrame", "7E 00 08 01 00 02 01 02 DA")]
    [InlineData("WriteFrame", "7E 00 08 01 00 0A 3E 4C CF")]
    public void Encode_KnownCommand_ProducesManualBytes(string which, string expectedHex)
    {
        var buffer = new byte[Gm65Command.MaxFrameLength];
        int n = which switch
        {
            "SaveFrame" => Gm65Command.EncodeSave(buffer, 0),
            "TriggerFrame" => Gm65Command.EncodeTrigger(buffer, 0),
            _ => Gm65Command.EncodeWrite(0x000A, 0x3E, buffer, 0),
        };
        Assert.Equal(expectedHex.Replace(" ", ""), Convert.ToHexString(buffer, 0, n));
    }
}
