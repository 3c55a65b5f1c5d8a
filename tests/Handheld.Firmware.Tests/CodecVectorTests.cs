using Handheld.Core.Checksums;
using Handheld.Core.Inspection;
using Handheld.Core.Scanning;
using nanoFramework.TestFramework;

namespace NFUnitTest
{
    /// <summary>Codec vectors on the device runtime: GM65 CRC-16/XMODEM frames from the GM65 manual
    /// (shared/docs/sensor-facts.md §3) and the stable reason-name table written into records and displays.</summary>
    [TestClass]
    public class CodecVectorTests
    {
        [TestMethod]
        public void Gm65Crc_ManualWriteFrame_4CCF()
        {
            byte[] body = new byte[] { 0x08, 0x01, 0x00, 0x0A, 0x3E };
            Assert.AreEqual(0x4CCF, (int)Crc16Xmodem.Compute(body, 0, body.Length));
        }

        [TestMethod]
        public void Gm65Crc_ManualSaveFrame_DEC8()
        {
            byte[] body = new byte[] { 0x09, 0x01, 0x00, 0x00, 0x00 };
            Assert.AreEqual(0xDEC8, (int)Crc16Xmodem.Compute(body, 0, body.Length));
        }

        [TestMethod]
        public void Gm65Command_EncodeSave_ManualBytes()
        {
            byte[] frame = new byte[Gm65Command.MaxFrameLength];
            int n = Gm65Command.EncodeSave(frame, 0);
            byte[] expected = new byte[] { 0x7E, 0x00, 0x09, 0x01, 0x00, 0x00, 0x00, 0xDE, 0xC8 };
            Assert.AreEqual(expected.Length, n);
            for (int i = 0; i < n; i++) Assert.AreEqual((int)expected[i], (int)frame[i], "byte " + i.ToString());
        }

        [TestMethod]
        public void VerdictReason_Describe_StableNames()
        {
            Assert.AreEqual("SIGNATURE_INVALID,REVOKED,CLOCK_UNSET",
                VerdictReason.Describe(VerdictReason.SignatureInvalid | VerdictReason.Revoked | VerdictReason.ClockUnset));
            Assert.AreEqual("GENUINE", OutcomeNames.Of(Outcome.Genuine));
            Assert.AreEqual("UNVERIFIED", OutcomeNames.Of(Outcome.Unverified));
        }
    }
}
