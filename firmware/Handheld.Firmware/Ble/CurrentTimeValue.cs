namespace Handheld.Firmware.Ble
{
    /// <summary>Encodes the GATT Current Time characteristic (0x2A2B): Exact Time 256 (year u16 LE, month, day,
    /// hours, minutes, seconds, day of week 1=Monday, fractions256) + adjust reason (GATT Specification Supplement
    /// §3.62). Integer calendar arithmetic, UTC.</summary>
    public static class CurrentTimeValue
    {
        public static void Encode(long unix, byte[] v)
        {
            long days = unix >= 0 ? unix / 86400 : (unix - 86399) / 86400;
            long secs = unix - days * 86400;
            // Civil-from-days (proleptic Gregorian), days since 1970-01-01.
            long z = days + 719468;
            long era = (z >= 0 ? z : z - 146096) / 146097;
            long doe = z - era * 146097;
            long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
            long y = yoe + era * 400;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            long d = doy - (153 * mp + 2) / 5 + 1;
            long m = mp < 10 ? mp + 3 : mp - 9;
            if (m <= 2) y++;
            v[0] = (byte)y;
            v[1] = (byte)(y >> 8);
            v[2] = (byte)m;
            v[3] = (byte)d;
            v[4] = (byte)(secs / 3600);
            v[5] = (byte)(secs / 60 % 60);
            v[6] = (byte)(secs % 60);
            long dow = (days + 3) % 7; // 1970-01-01 was a Thursday; 0 = Monday here
            if (dow < 0) dow += 7;
            v[7] = (byte)(dow + 1);
            v[8] = 0;
            v[9] = 0;
        }
    }
}
