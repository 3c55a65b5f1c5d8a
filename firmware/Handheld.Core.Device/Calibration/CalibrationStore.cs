using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Core.Calibration
{
    /// <summary>What the config region held at boot.</summary>
    public static class StoredCalibrationState
    {
        /// <summary>Both slots erased: the device was never calibrated against its tile.</summary>
        public const byte None = 0;
        /// <summary>A slot passed its CRC; the one with the higher number is in force.</summary>
        public const byte Valid = 1;
        /// <summary>No slot passed its CRC but one is written: the stored calibration is damaged. Unit gains
        /// apply and the self-test fails until the device is calibrated again.</summary>
        public const byte Corrupt = 2;
    }

    /// <summary>
    /// The tile calibration in the config region, two slots of <see cref="TileCalibration.StoredLength"/> bytes
    /// (A/B): a new calibration is written into the slot not in force and read back, so a power cut or link
    /// drop while storing leaves the old one intact (a half-written slot fails its CRC and is ignored).
    /// The slot with the higher number among those passing the CRC is in force. Buffers allocated once.
    /// </summary>
    public sealed class CalibrationStore
    {
        private readonly IBlockStorage _storage;
        private readonly int _slotA, _slotB;
        private readonly byte[] _buf = new byte[TileCalibration.StoredLength];
        private readonly PayloadWriter _writer;
        private readonly TileCalibration _scratch = new TileCalibration();
        private int _inForceSlot = -1;

        public CalibrationStore(IBlockStorage storage, int slotAPosition, int slotBPosition)
        {
            _storage = storage;
            _slotA = slotAPosition;
            _slotB = slotBPosition;
            _writer = new PayloadWriter(_buf, 0, _buf.Length);
        }

        /// <summary>Loads the calibration in force into <paramref name="into"/> (cleared when none); returns a
        /// <see cref="StoredCalibrationState"/> value.</summary>
        public byte Load(TileCalibration into)
        {
            into.Clear();
            _inForceSlot = -1;
            bool written = false;
            for (int slot = 0; slot < 2; slot++)
            {
                _storage.Read(slot == 0 ? _slotA : _slotB, _buf, 0, _buf.Length);
                if (!Erased()) written = true;
                if (!TileCalibration.TryReadStored(_buf, 0, _scratch)) continue;
                if (_inForceSlot >= 0 && _scratch.Number <= into.Number) continue;
                into.CopyFrom(_scratch);
                _inForceSlot = slot;
            }
            if (_inForceSlot >= 0) return StoredCalibrationState.Valid;
            if (written) into.Clear();
            return written ? StoredCalibrationState.Corrupt : StoredCalibrationState.None;
        }

        /// <summary>Writes <paramref name="c"/> into the slot not in force and reads it back; true when it is now
        /// the calibration in force. On false the previous one is still in force.</summary>
        public bool Save(TileCalibration c)
        {
            int slot = _inForceSlot == 0 ? 1 : 0;
            int pos = slot == 0 ? _slotA : _slotB;
            _writer.Reset();
            c.WriteStored(_writer);
            if (!_writer.Ok) return false;
            _storage.Write(pos, _buf, 0, _buf.Length);
            _storage.Flush();
            _storage.Read(pos, _buf, 0, _buf.Length);
            if (!TileCalibration.TryReadStored(_buf, 0, _scratch) || _scratch.Number != c.Number) return false;
            _inForceSlot = slot;
            return true;
        }

        private bool Erased()
        {
            for (int i = 0; i < _buf.Length; i++) if (_buf[i] != 0xFF) return false;
            return true;
        }
    }
}
