namespace Handheld.Core.Fluorescence
{
    /// <summary>
    /// Why a fluorescence measurement could not be trusted. Any value other than <see cref="None"/> must make
    /// the physical verdict "inconclusive", never "consistent".
    /// </summary>
    public enum SamplerFault : byte
    {
        None = 0,
        /// <summary>No chip answered at the sensor address (NACK on first contact).</summary>
        SensorAbsent = 1,
        /// <summary>A chip answered with an unexpected identity.</summary>
        WrongIdentity = 2,
        /// <summary>I2C transfer failed after the chip had been found (also mid-sweep).</summary>
        BusError = 3,
        /// <summary>The sensor never reported valid data within the bounded wait.</summary>
        DataTimeout = 4,
        /// <summary>Raw readings stayed identical across consecutive samples: a stuck sensor or bus.</summary>
        StuckReadings = 5,
        /// <summary>The UV-on reading saturated even at the lowest gain, or too often during the sweep.</summary>
        Saturated = 6,
        /// <summary>Lamp current out of range (open or weak LED) or unmeasurable when required.</summary>
        LampFault = 7,
        /// <summary>The eye-safety limit refused to switch the lamp on, or switched it off.</summary>
        LampLimit = 8,
        /// <summary>Ambient light saturates the UV-off reading at the lowest gain (direct sun), or swamps most samples.</summary>
        AmbientTooHigh = 9,
        /// <summary>Sweep called before a successful Prepare, or with an unusable trace/duration.</summary>
        NotPrepared = 10,
        /// <summary>The calibration belongs to another sensor kind.</summary>
        CalibrationMismatch = 11,
    }

    /// <summary>Stable text names for fault codes (enum ToString gives a number on the device).</summary>
    public static class SamplerFaultNames
    {
        private static readonly string[] Names = new string[]
        {
            "none", "sensor-absent", "wrong-identity", "bus-error", "data-timeout", "stuck-readings",
            "saturated", "lamp-fault", "lamp-limit", "ambient-too-high", "not-prepared", "calibration-mismatch",
        };

        public static string Name(SamplerFault fault)
        {
            int i = (int)fault;
            return i < Names.Length ? Names[i] : "unknown";
        }
    }
}
