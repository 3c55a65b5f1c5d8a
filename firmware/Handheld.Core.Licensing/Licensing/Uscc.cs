namespace Handheld.Core.Licensing
{
    /// <summary>
    /// Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character set
    /// (digits and capitals without I, O, Z, S, V); the 18th is a check character over the first 17
    /// (GB 32100-2015 §5: weights 3^(i−1) mod 31, check = 31 − (Σ mod 31), 31 → 0).
    /// </summary>
    public static class Uscc
    {
        /// <summary>The code's character set in value order (GB 32100-2015 table 1).</summary>
        public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        public const int Length = 18;

        private static readonly int[] Weights = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

        /// <summary>True when the code has 18 characters from the charset (check character not judged).</summary>
        public static bool IsWellFormed(string code)
        {
            if (code == null || code.Length != Length)
            {
                return false;
            }
            for (int i = 0; i < Length; i++)
            {
                if (Charset.IndexOf(code[i]) < 0)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The check character for the first 17 characters, or '\0' when they are not from the charset.</summary>
        public static char ComputeCheckCharacter(string code)
        {
            if (code == null || code.Length < Length - 1)
            {
                return '\0';
            }
            int sum = 0;
            for (int i = 0; i < Length - 1; i++)
            {
                int v = Charset.IndexOf(code[i]);
                if (v < 0)
                {
                    return '\0';
                }
                sum += v * Weights[i];
            }
            int check = 31 - sum % 31;
            if (check == 31)
            {
                check = 0;
            }
            return Charset[check];
        }

        /// <summary>True when the code is well formed and its 18th character is the check character.</summary>
        public static bool IsCheckCharacterValid(string code)
        {
            return IsWellFormed(code) && ComputeCheckCharacter(code) == code[Length - 1];
        }
    }
}
