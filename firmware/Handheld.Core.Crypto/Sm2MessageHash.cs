namespace Handheld.Core.Crypto
{
    /// <summary>
    /// SM3 primed with an SM2 signer's Z: hashing M through it gives e = SM3(Z ‖ M) (GB/T 32918.2 §6.1 A1–A2).
    /// <see cref="Reset"/> and <see cref="Final"/> return to the primed state, so code written for a plain
    /// <see cref="IHash256"/> (reset, update, final) computes e unchanged. Not thread-safe.
    /// </summary>
    internal sealed class Sm2MessageHash : IHash256
    {
        private readonly Sm3 _sm3 = new Sm3();
        private readonly byte[] _z;

        internal Sm2MessageHash(byte[] z32)
        {
            _z = z32;
            Reset();
        }

        public void Reset()
        {
            _sm3.Reset();
            _sm3.Update(_z, 0, 32);
        }

        public void Update(byte[] data, int offset, int count)
        {
            _sm3.Update(data, offset, count);
        }

        public void Final(byte[] output, int offset)
        {
            _sm3.Final(output, offset);
            _sm3.Update(_z, 0, 32);
        }
    }
}
