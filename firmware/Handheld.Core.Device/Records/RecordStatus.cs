namespace Handheld.Core.Records
{
    /// <summary>Result of encoding or decoding a record. Numeric values are stable (reported by the SDK).</summary>
    public enum RecordStatus
    {
        /// <summary>Well-formed (and, where checked, authentic).</summary>
        Ok = 0,
        /// <summary>The buffer ended before the record did, or bytes were left over.</summary>
        Truncated = 1,
        /// <summary>The format version byte is not one this code understands.</summary>
        UnsupportedVersion = 2,
        /// <summary>A length or count exceeds its bound, or a field has an undefined value.</summary>
        FieldOutOfRange = 3,
        /// <summary>The HMAC does not match under the given device key.</summary>
        BadMac = 4,
        /// <summary>The output buffer is too small.</summary>
        BufferTooSmall = 5,
    }
}
