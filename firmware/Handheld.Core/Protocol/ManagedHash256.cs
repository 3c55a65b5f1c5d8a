using Handheld.Core.Crypto;

namespace Handheld.Core.Protocol
{
    /// <summary><see cref="IHash256"/> over Core's managed <see cref="Sha256"/> (the device's implementation).</summary>
    public sealed class ManagedHash256 : IHash256
    {
        private readonly Sha256 _sha = new Sha256();

        public void Reset()
        {
            _sha.Reset();
        }

        public void Update(byte[] data, int offset, int count)
        {
            _sha.Update(data, offset, count);
        }

        public void Final(byte[] output, int offset)
        {
            _sha.Final(output, offset);
        }
    }
}
