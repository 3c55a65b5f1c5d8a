namespace Handheld.Core.Text
{
    /// <summary>
    /// The names of the bits set in a flag word, for records, logs and the CLI: enum and constant names are
    /// numbers on the device, so each flag set keeps its own name table and shares this one loop.
    /// </summary>
    public static class FlagNames
    {
        /// <summary>Comma-separated <paramref name="names"/>[i] for every bit i set in <paramref name="flags"/>, in bit
        /// order; <paramref name="none"/> when no bit is set. Bits past the table (a newer writer's) are never dropped:
        /// they appear as "flags-N", N the value of those bits.</summary>
        public static string Describe(int flags, string[] names, string none)
        {
            if (flags == 0) return none;
            string s = "";
            for (int i = 0; i < names.Length; i++)
            {
                if ((flags & (1 << i)) == 0) continue;
                s = s.Length == 0 ? names[i] : s + "," + names[i];
            }
            int unknown = names.Length >= 32 ? 0 : flags & ~((1 << names.Length) - 1);
            if (unknown != 0) s = (s.Length == 0 ? "" : s + ",") + "flags-" + unknown.ToString();
            return s;
        }
    }
}
