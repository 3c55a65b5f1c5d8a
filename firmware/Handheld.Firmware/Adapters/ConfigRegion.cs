using System;
using Handheld.Core.Ports;
using Handheld.Core.Protocol;

namespace Handheld.Firmware.Adapters
{
    /// <summary>
    /// Factory identity and device settings in the config region (I:\config0.bin, 4 KB), written over BLE.
    /// Layout: [0] layout version (0xFF = never provisioned), [1] device id length, [2..33] device id,
    /// [34..65] per-device record MAC key; [128..] settings as (key u8, value i32 LE) × <see cref="KeyCount"/>;
    /// [512..589] and [640..717] the tile calibration's A/B slots (Core CalibrationStore, <see cref="CalibrationSlotA"/>);
    /// the last 16 bytes are the self-test scratch area. The record log reads the key at boot only, so a
    /// device provisioned over BLE starts keeping records after its next restart.
    /// Callers serialise access (Program's data gate): this class is not thread-safe.
    /// </summary>
    public sealed class ConfigRegion : IProvisioningStore, IConfigStore
    {
        public const int LayoutVersion = 1;
        public const int IdLengthAt = 1, IdAt = 2, KeyAt = 34, SettingsAt = 128;
        public const int DeviceIdLength = 16;
        /// <summary>Positions of the two tile-calibration slots (78 bytes each; the simulator uses the same).</summary>
        public const int CalibrationSlotA = 512, CalibrationSlotB = 640;

        // Settings (same keys as the simulator): 1 buzzer on/off, 2 UV sweep ms, 3 auto-sleep s,
        // 4 require inspector confirmation.
        public const byte KeyBuzzer = 1, KeySweepMs = 2, KeyAutoSleepS = 3, KeyConfirm = 4;
        private const int KeyCount = 4;
        private static readonly int[] Defaults = new int[] { 1, 3000, 60, 1 };
        private static readonly int[] Min = new int[] { 0, 500, 30, 0 };
        private static readonly int[] Max = new int[] { 1, 10000, 3600, 1 };

        private readonly IBlockStorage _storage;
        private readonly int[] _values = new int[KeyCount];
        private readonly byte[] _buf = new byte[KeyAt + 32];

        public ConfigRegion(IBlockStorage storage)
        {
            _storage = storage;
            byte[] s = new byte[KeyCount * 5];
            _storage.Read(SettingsAt, s, 0, s.Length);
            for (int i = 0; i < KeyCount; i++)
            {
                int v = (int)LittleEndian.ReadU32(s, i * 5 + 1);
                // Erased (0xFF key byte) or out of range: the default applies.
                _values[i] = s[i * 5] == i + 1 && v >= Min[i] && v <= Max[i] ? v : Defaults[i];
            }
        }

        // ---- provisioning ----

        public bool IsProvisioned
        {
            get
            {
                _storage.Read(0, _buf, 0, 2);
                return _buf[0] == LayoutVersion && _buf[IdLengthAt] >= 1 && _buf[IdLengthAt] <= 32;
            }
        }

        public byte[] DeviceId
        {
            get
            {
                byte[] id = new byte[DeviceIdLength];
                byte[] stored;
                byte[] key;
                if (TryRead(out stored, out key))
                {
                    Array.Copy(stored, 0, id, 0, stored.Length < DeviceIdLength ? stored.Length : DeviceIdLength);
                }
                return id;
            }
        }

        /// <summary>Device id and record key as stored; false (id "?", zero key) when not provisioned.</summary>
        public bool TryRead(out byte[] deviceId, out byte[] recordKey)
        {
            _storage.Read(0, _buf, 0, _buf.Length);
            recordKey = new byte[32];
            int idLength = _buf[IdLengthAt];
            if (_buf[0] != LayoutVersion || idLength < 1 || idLength > 32)
            {
                deviceId = new byte[] { (byte)'?' };
                return false;
            }
            deviceId = new byte[idLength];
            Array.Copy(_buf, IdAt, deviceId, 0, idLength);
            Array.Copy(_buf, KeyAt, recordKey, 0, 32);
            return true;
        }

        public byte Provision(byte[] deviceId, byte[] recordKey)
        {
            if (deviceId == null || deviceId.Length != DeviceIdLength || recordKey == null || recordKey.Length != 32)
            {
                return ErrorCode.MalformedPayload;
            }
            if (IsProvisioned) return ErrorCode.AlreadyProvisioned;
            byte[] b = new byte[KeyAt + 32];
            for (int i = 0; i < b.Length; i++) b[i] = 0xFF;
            b[IdLengthAt] = DeviceIdLength;
            Array.Copy(deviceId, 0, b, IdAt, DeviceIdLength);
            Array.Copy(recordKey, 0, b, KeyAt, 32);
            // Id and key first, the version byte last: a power cut in between leaves the device unprovisioned.
            _storage.Write(1, b, 1, b.Length - 1);
            _storage.Flush();
            b[0] = LayoutVersion;
            _storage.Write(0, b, 0, 1);
            _storage.Flush();
            return IsProvisioned ? ErrorCode.None : ErrorCode.StorageFault;
        }

        // ---- settings ----

        public int Count { get { return KeyCount; } }

        public bool GetAt(int index, out byte key, out int value)
        {
            if (index < 0 || index >= KeyCount) { key = 0; value = 0; return false; }
            key = (byte)(index + 1);
            value = _values[index];
            return true;
        }

        /// <summary>Current value of a setting (its default when never set).</summary>
        public int Get(byte key) { return _values[key - 1]; }

        public byte Set(byte key, int value)
        {
            if (key < 1 || key > KeyCount) return ErrorCode.UnknownKey;
            int i = key - 1;
            if (value < Min[i] || value > Max[i]) return ErrorCode.ValueOutOfRange;
            byte[] e = new byte[] { key, (byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24) };
            _storage.Write(SettingsAt + i * 5, e, 0, 5);
            _storage.Flush();
            _values[i] = value;
            return ErrorCode.None;
        }
    }
}
