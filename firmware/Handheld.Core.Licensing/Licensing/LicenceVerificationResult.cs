namespace Handheld.Core.Licensing
{
    /// <summary>
    /// Outcome of <see cref="LicenceVerifier.Verify"/>: the overall status (the first failing stage, or
    /// Valid), each stage's own status, the warnings, and what was decoded. <see cref="Licence"/> is set only
    /// once the signature has verified, so nothing unauthenticated is shown as licence data.
    /// </summary>
    public sealed class LicenceVerificationResult
    {
        private readonly LicenceStatus[] _warnings = new LicenceStatus[4];
        private int _warningCount;

        public LicenceVerificationResult()
        {
            Status = LicenceStatus.NotChecked;
            Decode = LicenceStatus.NotChecked;
            Key = LicenceStatus.NotChecked;
            Signature = LicenceStatus.NotChecked;
            Payload = LicenceStatus.NotChecked;
            Authorisation = LicenceStatus.NotChecked;
            Clock = LicenceStatus.NotChecked;
            TrustList = LicenceStatus.NotChecked;
            KeyWindow = LicenceStatus.NotChecked;
            Dates = LicenceStatus.NotChecked;
            Revocation = LicenceStatus.NotChecked;
        }

        /// <summary>Overall outcome: Valid only when every stage passed.</summary>
        public LicenceStatus Status { get; internal set; }
        public bool IsValid { get { return Status == LicenceStatus.Valid; } }

        /// <summary>Stage 1: prefix, Base45, envelope header.</summary>
        public LicenceStatus Decode { get; internal set; }
        /// <summary>Stage 2: key id lookup in the trust store.</summary>
        public LicenceStatus Key { get; internal set; }
        /// <summary>Stage 3: signature over the TBS bytes.</summary>
        public LicenceStatus Signature { get; internal set; }
        /// <summary>Stage 4: payload fields.</summary>
        public LicenceStatus Payload { get; internal set; }
        /// <summary>Stage 5: provinces/sectors the key may sign for.</summary>
        public LicenceStatus Authorisation { get; internal set; }
        /// <summary>Stage 6: whether the instant is known.</summary>
        public LicenceStatus Clock { get; internal set; }
        /// <summary>Stage 7: trust list freshness.</summary>
        public LicenceStatus TrustList { get; internal set; }
        /// <summary>Stage 8: key validity window.</summary>
        public LicenceStatus KeyWindow { get; internal set; }
        /// <summary>Stage 9: licence validity dates.</summary>
        public LicenceStatus Dates { get; internal set; }
        /// <summary>Stage 10: revocation.</summary>
        public LicenceStatus Revocation { get; internal set; }

        /// <summary>Format version from the envelope (0 when not decoded).</summary>
        public int FormatVersion { get; internal set; }
        /// <summary>Algorithm code from the envelope (0 when not decoded).</summary>
        public int AlgorithmCode { get; internal set; }
        /// <summary>Key id from the envelope, 8 bytes, or null.</summary>
        public byte[] KeyId { get; internal set; }
        /// <summary>The trusted key that verified the signature, or null.</summary>
        public Handheld.Core.Trust.TrustedKey SignerKey { get; internal set; }
        /// <summary>Decoded licence, set only after a good signature and a well-formed payload.</summary>
        public Licence Licence { get; internal set; }
        /// <summary>Parsed licence number, or null when it did not parse.</summary>
        public LicenceNumber Number { get; internal set; }
        /// <summary>Revocation list version consulted (0 when none).</summary>
        public int RevocationListVersion { get; internal set; }

        public int WarningCount { get { return _warningCount; } }

        /// <summary>The warning at index (0 ≤ index &lt; WarningCount).</summary>
        public LicenceStatus GetWarning(int index)
        {
            return index >= 0 && index < _warningCount ? _warnings[index] : LicenceStatus.NotChecked;
        }

        public bool HasWarning(LicenceStatus warning)
        {
            for (int i = 0; i < _warningCount; i++)
            {
                if (_warnings[i] == warning)
                {
                    return true;
                }
            }
            return false;
        }

        internal void AddWarning(LicenceStatus warning)
        {
            if (!HasWarning(warning) && _warningCount < _warnings.Length)
            {
                _warnings[_warningCount++] = warning;
            }
        }
    }
}
