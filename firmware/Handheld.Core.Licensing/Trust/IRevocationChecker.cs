namespace Handheld.Core.Trust
{
    /// <summary>
    /// Answers whether a licence has been revoked. Licences are revoked by licence number: the canonical form
    /// (docs/licence-format.md §2.4) of the UTF-8 bytes of payload field 0x01 (§3 stage 10).
    /// </summary>
    public interface IRevocationChecker
    {
        /// <summary>True when the licence number is on the list.</summary>
        /// <param name="listVersion">Version of the list consulted (recorded with the inspection).</param>
        bool IsRevoked(byte[] licenceNumberUtf8, int offset, int count, out int listVersion);

        /// <summary>True when the list has expired (or was never loaded) at the instant: fail closed.</summary>
        bool IsStaleAt(long unixSeconds);

        /// <summary>True when the list's issuer may revoke licences of this province and sector (its trust-list
        /// scope): a list that does not speak for a licence cannot clear it (RevocationOutOfScope).</summary>
        bool Covers(string province, string sector);
    }
}
