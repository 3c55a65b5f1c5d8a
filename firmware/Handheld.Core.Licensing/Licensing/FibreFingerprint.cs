namespace Handheld.Core.Licensing
{
    /// <summary>
    /// The fibre fingerprint of one sheet (payload field 0x0C, docs/licence-format.md §2.4): the fibre events the
    /// issuing authority registered along the sheet's sweep track, each a position along the track in 0.5 mm
    /// units, a colour (blue or green) and a coarse intensity class. Signed with the licence, so a genuine QR on
    /// a sheet with other fibres (a genuine blank with forged print, drawn or printed fibres, a photocopy) is
    /// caught by the device's alignment. The value is packed in bits: positions delta-coded, 8 bits per event in
    /// the usual case.
    /// </summary>
    public sealed class FibreFingerprint
    {
        /// <summary>Encoding 1 (high nibble of the first byte).</summary>
        public const int Encoding1 = 1;
        /// <summary>Track layout 1 (low nibble): the edge track of hardware/fibre-track.md, marks every 16 mm.</summary>
        public const int Layout1 = 1;
        /// <summary>Layout 1: distance between consecutive marks, 0.5 mm units (16 mm).</summary>
        public const int Layout1MarkPitchUnits = 32;
        /// <summary>Layout 1: number of marks (the first is the start mark at position 0).</summary>
        public const int Layout1MarkCount = 7;
        /// <summary>Layout 1: track length, 0.5 mm units (96 mm from the start mark to the last mark).</summary>
        public const int Layout1LengthUnits = Layout1MarkPitchUnits * (Layout1MarkCount - 1);
        /// <summary>Track layout 2: four tracks of layout 1's geometry, one 12 mm in from each sheet edge (0 bottom, 1 top,
        /// 2 left, 3 right), swept one after the other until the device decides.</summary>
        public const int Layout2 = 2;
        /// <summary>Tracks of layout 2.</summary>
        public const int Layout2Tracks = 4;
        /// <summary>Most events one fingerprint carries (over all its tracks).</summary>
        public const int MaxEvents = 60;
        /// <summary>Colour bit values.</summary>
        public const int ColourBlue = 0;
        public const int ColourGreen = 1;
        /// <summary>Intensity classes: below 0.6×, between, above 1.6× the median peak of the events of the same colour.</summary>
        public const int ClassWeak = 0;
        public const int ClassMedium = 1;
        public const int ClassStrong = 2;

        private const int DeltaBits = 5;
        private const int DeltaEscape = (1 << DeltaBits) - 1;   // 31: an 8-bit delta follows
        private const int WideDeltaBits = 8;

        private readonly int[] _positions;
        private readonly int[] _tracks;
        private readonly int[] _colours;
        private readonly int[] _classes;

        /// <summary>A fingerprint for <paramref name="layout"/> with room for <see cref="MaxEvents"/> events.</summary>
        public FibreFingerprint(int layout)
        {
            Layout = layout;
            _positions = new int[MaxEvents];
            _tracks = new int[MaxEvents];
            _colours = new int[MaxEvents];
            _classes = new int[MaxEvents];
        }

        public int Layout { get; private set; }
        public int Count { get; private set; }

        /// <summary>Position of event <paramref name="i"/> along the track from the start mark, 0.5 mm units.</summary>
        public int PositionAt(int i) { return _positions[i]; }
        /// <summary>Track of event <paramref name="i"/> (0 in layout 1; 0–3 in layout 2).</summary>
        public int TrackAt(int i) { return _tracks[i]; }
        /// <summary><see cref="ColourBlue"/> or <see cref="ColourGreen"/>.</summary>
        public int ColourAt(int i) { return _colours[i]; }
        /// <summary><see cref="ClassWeak"/>, <see cref="ClassMedium"/> or <see cref="ClassStrong"/>.</summary>
        public int ClassAt(int i) { return _classes[i]; }

        /// <summary>Track length of a layout in 0.5 mm units; 0 for a layout this verifier does not know.</summary>
        public static int LengthUnitsOf(int layout) { return TrackCountOf(layout) > 0 ? Layout1LengthUnits : 0; }
        public static int MarkPitchUnitsOf(int layout) { return TrackCountOf(layout) > 0 ? Layout1MarkPitchUnits : 0; }
        public static int MarkCountOf(int layout) { return TrackCountOf(layout) > 0 ? Layout1MarkCount : 0; }
        /// <summary>Tracks of a layout (every track has the layout's length and marks); 0 for an unknown layout.</summary>
        public static int TrackCountOf(int layout) { return layout == Layout1 ? 1 : layout == Layout2 ? Layout2Tracks : 0; }

        /// <summary>Appends an event on track 0; as <see cref="AddOnTrack"/>.</summary>
        public bool Add(int position, int colour, int intensityClass) { return AddOnTrack(0, position, colour, intensityClass); }

        /// <summary>Appends an event; false (nothing stored) when full, out of order (tracks in order, positions
        /// strictly increase within a track), beyond the track or the layout's tracks, or with an unknown colour or class.</summary>
        public bool AddOnTrack(int track, int position, int colour, int intensityClass)
        {
            int n = Count;
            if (n >= MaxEvents || position < 0 || position > LengthUnitsOf(Layout)) return false;
            if (track < 0 || track >= TrackCountOf(Layout)) return false;
            if (n > 0 && (track < _tracks[n - 1] || (track == _tracks[n - 1] && position <= _positions[n - 1]))) return false;
            if (colour != ColourBlue && colour != ColourGreen) return false;
            if (intensityClass < ClassWeak || intensityClass > ClassStrong) return false;
            _positions[n] = position;
            _tracks[n] = track;
            _colours[n] = colour;
            _classes[n] = intensityClass;
            Count = n + 1;
            return true;
        }

        /// <summary>The field value (§2.4), or null when the fingerprint cannot be encoded (no events, unknown layout).</summary>
        public byte[] Encode()
        {
            int n = Count;
            int tracks = TrackCountOf(Layout);
            if (n < 1 || tracks == 0) return null;
            int header = HeaderBytes(Layout);
            int bits = 0;
            int previous = 0;
            for (int i = 0; i < n; i++)
            {
                if (i > 0 && _tracks[i] != _tracks[i - 1]) previous = 0;
                int delta = _positions[i] - previous;
                previous = _positions[i];
                bits += (delta < DeltaEscape ? DeltaBits : DeltaBits + WideDeltaBits) + 3;
            }
            byte[] v = new byte[header + (bits + 7) / 8];
            v[0] = (byte)((Encoding1 << 4) | Layout);
            if (tracks == 1) v[1] = (byte)n;
            else for (int i = 0; i < n; i++) v[1 + _tracks[i]]++;
            int bit = header * 8;
            previous = 0;
            for (int i = 0; i < n; i++)
            {
                if (i > 0 && _tracks[i] != _tracks[i - 1]) previous = 0;
                int delta = _positions[i] - previous;
                previous = _positions[i];
                if (delta < DeltaEscape)
                {
                    bit = Put(v, bit, delta, DeltaBits);
                }
                else
                {
                    bit = Put(v, bit, DeltaEscape, DeltaBits);
                    bit = Put(v, bit, delta, WideDeltaBits);
                }
                bit = Put(v, bit, _colours[i], 1);
                bit = Put(v, bit, _classes[i], 2);
            }
            return v;
        }

        /// <summary>Decodes a field value. Returns Valid with the fingerprint; UnknownCriticalField for an
        /// encoding or layout this verifier does not know (it cannot check what the licence requires: fail
        /// closed); MalformedPayload for anything else wrong (count 0 or above the maximum, non-canonical
        /// escape, positions not increasing or beyond the track, class 3, wrong length, padding bits set).</summary>
        public static LicenceStatus TryDecode(byte[] data, int offset, int length, out FibreFingerprint fingerprint)
        {
            fingerprint = null;
            if (length < 3) return LicenceStatus.MalformedPayload;
            int encoding = data[offset] >> 4;
            int layout = data[offset] & 0x0F;
            if (encoding != Encoding1 || TrackCountOf(layout) == 0) return LicenceStatus.UnknownCriticalField;
            int tracks = TrackCountOf(layout);
            int header = HeaderBytes(layout);
            if (length < header + 1) return LicenceStatus.MalformedPayload;
            int n = 0;
            for (int t = 0; t < tracks; t++) n += data[offset + 1 + t];
            if (n < 1 || n > MaxEvents) return LicenceStatus.MalformedPayload;
            FibreFingerprint f = new FibreFingerprint(layout);
            int bit = (offset + header) * 8;
            int endBit = (offset + length) * 8;
            int position = 0;
            int track = 0;
            int left = data[offset + 1];   // events still to read on this track
            for (int i = 0; i < n; i++)
            {
                bool first = i == 0;
                while (left == 0) { track++; left = data[offset + 1 + track]; position = 0; first = true; }
                left--;
                if (bit + DeltaBits + 3 > endBit) return LicenceStatus.MalformedPayload;
                int delta = Get(data, bit, DeltaBits);
                bit += DeltaBits;
                if (delta == DeltaEscape)
                {
                    if (bit + WideDeltaBits + 3 > endBit) return LicenceStatus.MalformedPayload;
                    delta = Get(data, bit, WideDeltaBits);
                    bit += WideDeltaBits;
                    if (delta < DeltaEscape) return LicenceStatus.MalformedPayload;
                }
                if (!first && delta == 0) return LicenceStatus.MalformedPayload;
                position += delta;
                int colour = Get(data, bit, 1);
                int cls = Get(data, bit + 1, 2);
                bit += 3;
                if (!f.AddOnTrack(track, position, colour, cls)) return LicenceStatus.MalformedPayload;
            }
            // Canonical: the value ends in the byte holding the last bit and the padding bits are zero.
            if ((endBit - bit) >= 8) return LicenceStatus.MalformedPayload;
            if (bit < endBit && Get(data, bit, endBit - bit) != 0) return LicenceStatus.MalformedPayload;
            fingerprint = f;
            return LicenceStatus.Valid;
        }

        /// <summary>Bytes before the bit stream: the encoding/layout byte and one event count per track.</summary>
        private static int HeaderBytes(int layout) { return 1 + TrackCountOf(layout); }

        // Bits are written most significant first, starting at the most significant bit of each byte.
        private static int Put(byte[] v, int bit, int value, int count)
        {
            for (int k = count - 1; k >= 0; k--)
            {
                if (((value >> k) & 1) != 0) v[bit >> 3] |= (byte)(0x80 >> (bit & 7));
                bit++;
            }
            return bit;
        }

        private static int Get(byte[] v, int bit, int count)
        {
            int value = 0;
            for (int k = 0; k < count; k++)
            {
                value = (value << 1) | ((v[(bit + k) >> 3] >> (7 - ((bit + k) & 7))) & 1);
            }
            return value;
        }
    }
}
