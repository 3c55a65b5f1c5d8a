namespace Handheld.Core.Crypto
{
    /// <summary>
    /// Strict parser for the SubjectPublicKeyInfo (RFC 5280 §4.1) forms Core verifies: rsaEncryption
    /// with NULL parameters (RFC 8017 App. A.1), id-ecPublicKey on prime256v1 with an uncompressed point
    /// (RFC 5480), and SM2 with an uncompressed point: id-ecPublicKey with the curve 1.2.156.10197.1.301 (what
    /// OpenSSL 3.0 and BouncyCastle write) or 1.2.156.10197.1.301 itself as the algorithm, with no parameters or
    /// NULL (GM/T 0015 style). Anything else, or any trailing byte, is rejected.
    /// </summary>
    internal static class SubjectPublicKeyInfo
    {
        // 1.2.840.113549.1.1.1
        private static readonly byte[] RsaOid = new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 };
        // 1.2.840.10045.2.1
        private static readonly byte[] EcOid = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };
        // 1.2.840.10045.3.1.7
        private static readonly byte[] P256Oid = new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
        // 1.2.156.10197.1.301 (sm2p256v1, GM/T 0006)
        private static readonly byte[] Sm2Oid = new byte[] { 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x82, 0x2D };

        /// <summary>Finds modulus and exponent magnitudes (big-endian, no sign byte). False when malformed.</summary>
        internal static bool TryParseRsa(byte[] spki, out int nStart, out int nLength, out int eStart, out int eLength)
        {
            nStart = nLength = eStart = eLength = 0;
            int keyStart, keyLen;
            if (!TryOpen(spki, RsaOid, out keyStart, out keyLen)) return false;
            Der key = new Der(spki, keyStart, keyStart + keyLen);
            int s, l;
            if (!key.Read(0x30, out s, out l) || key.Pos != keyStart + keyLen) return false;
            Der seq = new Der(spki, s, s + l);
            if (!seq.ReadUnsignedInteger(out nStart, out nLength)) return false;
            if (!seq.ReadUnsignedInteger(out eStart, out eLength)) return false;
            return seq.Pos == s + l;
        }

        /// <summary>Finds the 64 bytes X‖Y of an uncompressed P-256 point. False when malformed.</summary>
        internal static bool TryParseP256(byte[] spki, out int xyStart)
        {
            xyStart = 0;
            int keyStart, keyLen;
            if (!TryOpen(spki, EcOid, out keyStart, out keyLen)) return false;
            if (keyLen != 65 || spki[keyStart] != 0x04) return false;
            xyStart = keyStart + 1;
            return true;
        }

        /// <summary>Finds the 64 bytes X‖Y of an uncompressed SM2 point. False when malformed.</summary>
        internal static bool TryParseSm2(byte[] spki, out int xyStart)
        {
            xyStart = 0;
            int keyStart, keyLen;
            if (!TryOpenCurve(spki, Sm2Oid, out keyStart, out keyLen) && !TryOpen(spki, Sm2Oid, null, out keyStart, out keyLen)) return false;
            if (keyLen != 65 || spki[keyStart] != 0x04) return false;
            xyStart = keyStart + 1;
            return true;
        }

        // SEQUENCE { SEQUENCE { OID, params }, BIT STRING } → the bit string's key bytes. The parameters:
        // NULL for RSA; the curve OID for id-ecPublicKey (prime256v1 when opening P-256, sm2p256v1 for SM2, told
        // apart by the caller's OID); absent or NULL when the algorithm is sm2p256v1 itself.
        private static bool TryOpen(byte[] spki, byte[] algOid, out int keyStart, out int keyLen)
        {
            return TryOpen(spki, algOid, algOid == EcOid ? P256Oid : null, out keyStart, out keyLen);
        }

        private static bool TryOpenCurve(byte[] spki, byte[] curveOid, out int keyStart, out int keyLen)
        {
            return TryOpen(spki, EcOid, curveOid, out keyStart, out keyLen);
        }

        private static bool TryOpen(byte[] spki, byte[] algOid, byte[] curveOid, out int keyStart, out int keyLen)
        {
            keyStart = keyLen = 0;
            if (spki == null) return false;
            Der top = new Der(spki, 0, spki.Length);
            int s, l;
            if (!top.Read(0x30, out s, out l) || top.Pos != spki.Length) return false;
            Der body = new Der(spki, s, s + l);
            int a, al;
            if (!body.Read(0x30, out a, out al)) return false;
            Der alg = new Der(spki, a, a + al);
            int o, ol;
            if (!alg.Read(0x06, out o, out ol) || !alg.ContentEquals(o, ol, algOid)) return false;
            int p, pl;
            if (algOid == RsaOid)
            {
                if (!alg.Read(0x05, out p, out pl) || pl != 0) return false;
            }
            else if (algOid == Sm2Oid)
            {
                if (alg.Pos != a + al && (!alg.Read(0x05, out p, out pl) || pl != 0)) return false;
            }
            else
            {
                if (!alg.Read(0x06, out p, out pl) || !alg.ContentEquals(p, pl, curveOid)) return false;
            }
            if (alg.Pos != a + al) return false;
            int b, bl;
            if (!body.Read(0x03, out b, out bl) || body.Pos != s + l) return false;
            if (bl < 1 || spki[b] != 0) return false;
            keyStart = b + 1;
            keyLen = bl - 1;
            return true;
        }
    }
}
