using System.Security.Cryptography;
using FsCheck;
using FsCheck.Xunit;
using Handheld.Core.Crypto;
using Handheld.Core.Licensing;
using Handheld.Core.Ports;
using Handheld.Core.Trust;

namespace Handheld.Core.Tests.Licensing;

public class LicenceVerifierTests
{
    private static readonly string RsaText = LicenceFixtures.Issue(LicenceFixtures.Sample(), LicenceFixtures.Rsa);
    private static readonly string EcText = LicenceFixtures.Issue(LicenceFixtures.Sample(), LicenceFixtures.Ec);

    private static LicenceVerificationResult Verify(string text, TrustStore store, long at = LicenceFixtures.Now,
        ClockSource clock = ClockSource.AppSynced, IRevocationChecker? revocation = null) =>
        new LicenceVerifier(store, revocation).Verify(text, at, clock);

    [Theory]
    [InlineData("rsa")]
    [InlineData("p256")]
    public void Verify_GenuineLicence_Valid(string alg)
    {
        var key = alg == "rsa" ? (AsymmetricAlgorithm)LicenceFixtures.Rsa : LicenceFixtures.Ec;
        var r = Verify(alg == "rsa" ? RsaText : EcText, LicenceFixtures.Store(LicenceFixtures.Key(key)));
        Assert.Equal(LicenceStatus.Valid, r.Status);
        Assert.Equal(LicenceFixtures.Number, r.Licence.LicenceNumber);
        Assert.True(r.HasWarning(LicenceStatus.RevocationNotChecked));
        Assert.False(r.HasWarning(LicenceStatus.UsccCheckFailed));
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("p256")]
    public void Verify_EverySingleByteChangeInSignedRegion_Rejected(string alg)
    {
        var key = alg == "rsa" ? (AsymmetricAlgorithm)LicenceFixtures.Rsa : LicenceFixtures.Ec;
        var store = LicenceFixtures.Store(LicenceFixtures.Key(key));
        var text = alg == "rsa" ? RsaText : EcText;
        Assert.Equal(LicenceStatus.Valid, LicenceEnvelope.TryDecode(text, out var envelope));
        var verifier = new LicenceVerifier(store, null);
        for (int i = 0; i < envelope.TbsLength; i++)
        {
            foreach (byte delta in new byte[] { 0x01, 0x80, 0xFF })
            {
                var bytes = (byte[])envelope.Bytes.Clone();
                bytes[i] ^= delta;
                var tampered = LicenceEnvelope.Prefix + Base45.Encode(bytes, 0, bytes.Length);
                var r = verifier.Verify(tampered, LicenceFixtures.Now, ClockSource.AppSynced);
                Assert.False(r.IsValid, $"byte {i} ^ {delta:X2} accepted");
                Assert.Null(r.Licence);
            }
        }
    }

    [Theory]
    [InlineData("rsa", false)]
    [InlineData("p256", false)]
    [InlineData("rsa", true)]
    public void Verify_WithThePreDecodedEnvelope_SameVerdictAsFromText(string alg, bool tamper)
    {
        var key = alg == "rsa" ? (AsymmetricAlgorithm)LicenceFixtures.Rsa : LicenceFixtures.Ec;
        var store = LicenceFixtures.Store(LicenceFixtures.Key(key));
        var text = alg == "rsa" ? RsaText : EcText;
        if (tamper)
        {
            Assert.Equal(LicenceStatus.Valid, LicenceEnvelope.TryDecode(text, out var original));
            var bytes = (byte[])original.Bytes.Clone();
            bytes[original.PayloadOffset + 3] ^= 0x01;
            text = LicenceEnvelope.Prefix + Base45.Encode(bytes, 0, bytes.Length);
        }
        Assert.Equal(LicenceStatus.Valid, LicenceEnvelope.TryDecode(text, out var envelope));
        var verifier = new LicenceVerifier(store, null);
        var fromText = verifier.Verify(text, LicenceFixtures.Now, ClockSource.AppSynced);
        var fromEnvelope = verifier.Verify(text, envelope, LicenceFixtures.Now, ClockSource.AppSynced);
        Assert.Equal(tamper ? LicenceStatus.BadSignature : LicenceStatus.Valid, fromEnvelope.Status);
        Assert.Equal(fromText.Status, fromEnvelope.Status);
        Assert.Equal(fromText.Signature, fromEnvelope.Signature);
        Assert.Equal(fromText.Licence?.LicenceNumber, fromEnvelope.Licence?.LicenceNumber);
    }

    [Fact]
    public void Verify_UnknownKey_UnknownKey()
    {
        Assert.Equal(LicenceStatus.UnknownKey, Verify(RsaText, LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Ec))).Status);
    }

    [Fact]
    public void Verify_UnknownAlgorithmCode_UnknownAlgorithm()
    {
        LicenceEnvelope.TryDecode(RsaText, out var envelope);
        var bytes = (byte[])envelope.Bytes.Clone();
        bytes[1] = 9;
        var text = LicenceEnvelope.Prefix + Base45.Encode(bytes, 0, bytes.Length);
        Assert.Equal(LicenceStatus.UnknownAlgorithm, Verify(text, LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa))).Status);
    }

    [Theory]
    [InlineData(2023, 6, 14, LicenceStatus.NotYetValid)]
    [InlineData(2026, 6, 15, LicenceStatus.Expired)]
    [InlineData(2026, 6, 14, LicenceStatus.Valid)]
    public void Verify_Dates_JudgedInChinaStandardTime(int y, int m, int d, LicenceStatus expected)
    {
        // 12:00 UTC+8 on the given day.
        long at = new DateTimeOffset(y, m, d, 4, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var store = LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa));
        store.SetListInfo(1, 0, at + 1);
        Assert.Equal(expected, Verify(RsaText, store, at).Status);
    }

    [Fact]
    public void Verify_ClockUnset_ClockUnsetButSignatureReported()
    {
        var r = Verify(RsaText, LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa)), 0, ClockSource.Unset);
        Assert.Equal(LicenceStatus.ClockUnset, r.Status);
        Assert.Equal(LicenceStatus.Valid, r.Signature);
    }

    [Fact]
    public void Verify_StoreWithoutListInfo_TrustListStale()
    {
        var store = new TrustStore(new ManagedSignatureEngine(), 4);
        Assert.True(store.TryAdd(LicenceFixtures.Key(LicenceFixtures.Rsa)));
        Assert.Equal(LicenceStatus.TrustListStale, Verify(RsaText, store).Status);
        store.MarkNoExpiry();
        Assert.Equal(LicenceStatus.Valid, Verify(RsaText, store).Status);
    }

    [Fact]
    public void Verify_ExpiredTrustList_TrustListStale()
    {
        var store = LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa));
        store.SetListInfo(2, 0, LicenceFixtures.Now - 1);
        Assert.Equal(LicenceStatus.TrustListStale, Verify(RsaText, store).Status);
    }

    [Theory]
    [InlineData(0L, 1000L)] // key window ended long ago
    [InlineData(LicenceFixtures.Now + 1, 4102444800L)] // key not yet valid
    [InlineData(1700000000L, 4102444800L)] // key valid now, but created after the licence was issued (2023-06-15)
    public void Verify_KeyWindow_KeyNotValidAtInstant(long from, long until)
    {
        var store = LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa, from: from, until: until));
        Assert.Equal(LicenceStatus.KeyNotValidAtInstant, Verify(RsaText, store).Status);
    }

    [Theory]
    [InlineData(new[] { "鲁" }, null, LicenceStatus.Valid)]
    [InlineData(new[] { "京", "鲁" }, new[] { "JZ" }, LicenceStatus.Valid)]
    [InlineData(new[] { "京" }, null, LicenceStatus.KeyNotAuthorisedForProvince)]
    [InlineData(null, new[] { "FM" }, LicenceStatus.KeyNotAuthorisedForSector)]
    [InlineData(new string[0], new string[0], LicenceStatus.Valid)]
    public void Verify_KeyRestrictions_Enforced(string[]? provinces, string[]? sectors, LicenceStatus expected)
    {
        var store = LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa, provinces, sectors));
        Assert.Equal(expected, Verify(RsaText, store).Status);
    }

    [Fact]
    public void Verify_RestrictedKeyUnparsableNumber_FailsClosed()
    {
        var l = LicenceFixtures.Sample();
        l.LicenceNumber = "NO PROVINCE 1";
        var text = LicenceFixtures.Issue(l, LicenceFixtures.Rsa);
        var store = LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa, ["鲁"]));
        Assert.Equal(LicenceStatus.KeyNotAuthorisedForProvince, Verify(text, store).Status);
        var open = LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa));
        var r = Verify(text, open);
        Assert.Equal(LicenceStatus.Valid, r.Status);
        Assert.True(r.HasWarning(LicenceStatus.LicenceNumberUnparsed));
        var sectorOnly = LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa, null, ["JZ"]));
        Assert.Equal(LicenceStatus.KeyNotAuthorisedForSector, Verify(text, sectorOnly).Status);
    }

    [Fact]
    public void Verify_BadUsccCheck_WarningOnly()
    {
        var l = LicenceFixtures.Sample();
        l.Uscc = "91350100M000100Y44";
        var r = Verify(LicenceFixtures.Issue(l, LicenceFixtures.Rsa), LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa)));
        Assert.Equal(LicenceStatus.Valid, r.Status);
        Assert.True(r.HasWarning(LicenceStatus.UsccCheckFailed));
    }

    private sealed class FakeRevocations(bool revoked, bool stale) : IRevocationChecker
    {
        public byte[]? Asked;

        public bool IsRevoked(byte[] licenceNumberUtf8, int offset, int count, out int listVersion)
        {
            Asked = licenceNumberUtf8.AsSpan(offset, count).ToArray();
            listVersion = 7;
            return revoked;
        }

        public bool IsStaleAt(long unixSeconds) => stale;

        public bool Covers(string province, string sector) => CoveredProvince == null || CoveredProvince == province;

        public string? CoveredProvince { get; set; }
    }

    /// <summary>Issue 15 item 2: a revocation list whose issuer may not revoke in the licence's province cannot
    /// clear the licence: RevocationOutOfScope (UNVERIFIED), never Valid.</summary>
    [Theory]
    [InlineData("鲁", LicenceStatus.Valid)]
    [InlineData("苏", LicenceStatus.RevocationOutOfScope)]
    public void Verify_RevocationListScope_OutsideIsNotValid(string listProvince, LicenceStatus expected)
    {
        var checker = new FakeRevocations(false, false) { CoveredProvince = listProvince };
        var r = Verify(RsaText, LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa)), revocation: checker);
        Assert.Equal(expected, r.Status);
    }

    [Theory]
    [InlineData(false, false, LicenceStatus.Valid)]
    [InlineData(true, false, LicenceStatus.Revoked)]
    [InlineData(false, true, LicenceStatus.RevocationListStale)]
    public void Verify_Revocation_Checked(bool revoked, bool stale, LicenceStatus expected)
    {
        var checker = new FakeRevocations(revoked, stale);
        var r = Verify(RsaText, LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa)), revocation: checker);
        Assert.Equal(expected, r.Status);
        if (!stale)
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(LicenceFixtures.Number), checker.Asked);
            Assert.Equal(7, r.RevocationListVersion);
        }
    }

    [Theory]
    [InlineData(null, LicenceStatus.NotLicenceQr)]
    [InlineData("", LicenceStatus.NotLicenceQr)]
    [InlineData("HC1:ABC", LicenceStatus.NotLicenceQr)]
    [InlineData("SPL2:ABC", LicenceStatus.UnsupportedFormatVersion)]
    [InlineData("SPL1:", LicenceStatus.Truncated)]
    [InlineData("SPL1:ABCD", LicenceStatus.BadBase45)]
    [InlineData("SPL1:abc", LicenceStatus.InvalidCharacter)]
    [InlineData("SPL1:GGW", LicenceStatus.BadBase45)]
    public void Verify_MalformedText_SpecificReason(string? text, LicenceStatus expected)
    {
        Assert.Equal(expected, Verify(text!, LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Rsa))).Status);
    }

    [Fact]
    public void Verify_OversizeText_Oversize()
    {
        Assert.Equal(LicenceStatus.Oversize, Verify("SPL1:" + new string('0', 1848), LicenceFixtures.Store()).Status);
    }

    [Fact]
    public void Verify_EveryTruncationOfGenuineText_NotValid()
    {
        var store = LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Ec));
        for (int n = 0; n < EcText.Length; n++)
        {
            Assert.False(Verify(EcText.Substring(0, n), store).IsValid);
        }
    }

    private static readonly TrustStore PropertyStore = LicenceFixtures.Store(LicenceFixtures.Key(LicenceFixtures.Ec));

    [Property(MaxTest = 300)]
    public void Verify_RandomString_NeverThrowsNeverValid(string text)
    {
        var r = new LicenceVerifier(PropertyStore, null).Verify(text, LicenceFixtures.Now, ClockSource.AppSynced);
        Assert.False(r.IsValid);
    }

    [Property(MaxTest = 300)]
    public void Verify_RandomEnvelopeBytes_NeverThrowsNeverValid(byte[] bytes, bool realKeyId)
    {
        if (realKeyId && bytes.Length >= 12)
        {
            // Point at the trusted key so the signature stage is exercised too.
            Array.Copy(PropertyStore.Get(0).KeyId, 0, bytes, 2, 8);
            bytes[0] = 1;
            bytes[1] = 2;
        }
        var text = LicenceEnvelope.Prefix + Base45.Encode(bytes, 0, bytes.Length);
        var r = new LicenceVerifier(PropertyStore, null).Verify(text, LicenceFixtures.Now, ClockSource.AppSynced);
        Assert.False(r.IsValid);
    }
}
