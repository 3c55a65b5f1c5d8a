namespace Handheld.Core.Drivers
{
    /// <summary>Outcome of a colour-sensor driver operation. Saturation is a property of a reading, not a status.</summary>
    public enum SensorStatus : byte
    {
        Ok = 0,
        /// <summary>The first transfer to the chip was not acknowledged: no chip at the address.</summary>
        Absent = 1,
        /// <summary>A chip answered but its identity register holds an unexpected value.</summary>
        WrongIdentity = 2,
        /// <summary>A transfer failed (NACK, short transfer) after the chip had been found.</summary>
        BusError = 3,
        /// <summary>The data-valid bit (or SMUX completion) did not appear within the bounded wait.</summary>
        DataTimeout = 4,
        /// <summary>The driver was used before a successful Initialise.</summary>
        NotInitialised = 5,
        /// <summary>An argument was out of range (for example a gain level the chip does not have).</summary>
        InvalidArgument = 6,
    }

    /// <summary>Which chip a <see cref="IFluorescenceSensor"/> drives (recorded with calibrations and results).</summary>
    public enum SensorKind : byte
    {
        Unknown = 0,
        Tcs34725 = 1,
        As7341 = 2,
    }
}
