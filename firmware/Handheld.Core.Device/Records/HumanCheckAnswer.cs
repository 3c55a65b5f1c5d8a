namespace Handheld.Core.Records
{
    /// <summary>The inspector's answer to one guided human check, as stored in a record.</summary>
    public enum HumanCheckAnswer : byte
    {
        /// <summary>Not answered.</summary>
        Skipped = 0,
        /// <summary>The feature was present as described.</summary>
        Confirmed = 1,
        /// <summary>The feature was absent or wrong.</summary>
        Denied = 2,
    }
}
