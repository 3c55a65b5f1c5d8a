namespace Handheld.Sdk.Device;

/// <summary>Chunks and bytes of one request/response exchange.</summary>
public sealed class LinkExchange
{
    public int ChunksUp;
    public int ChunksDown;
    public int BytesUp;
    public int BytesDown;
}

/// <summary>
/// Explicit model of BLE link time and bytes on air for a list of exchanges.
/// Each chunk is one ATT PDU (write-without-response up, notification down) in one LL data packet
/// (Data Length Extension assumed, so an MTU-185/247 PDU fits one packet). Per packet on air: preamble 1 +
/// access address 4 + LL header 2 + L2CAP header 4 + ATT opcode/handle 3 + MIC 4 + CRC 3 = 21 bytes beside
/// the chunk; each packet is also answered by an empty packet
/// (preamble 1 + access address 4 + header 2 + CRC 3 = 10 bytes). A connection event carries at most <see cref="PacketsPerEvent"/> packets one way;
/// a response starts at the earliest in the connection event after the request's last packet.
/// </summary>
public sealed class LinkTimingModel
{
    public double ConnectionIntervalMs { get; init; } = 15;
    public int PacketsPerEvent { get; init; } = 4;
    public const int PacketOverheadBytes = 21;
    public const int EmptyPacketBytes = 10;

    public (double Seconds, long BytesOnAir, long ConnectionEvents) Estimate(IEnumerable<LinkExchange> exchanges)
    {
        long events = 0;
        long air = 0;
        foreach (var e in exchanges)
        {
            long up = (e.ChunksUp + PacketsPerEvent - 1) / PacketsPerEvent;
            long down = (e.ChunksDown + PacketsPerEvent - 1) / PacketsPerEvent;
            events += Math.Max(1, up) + Math.Max(1, down);
            int packets = e.ChunksUp + e.ChunksDown;
            air += e.BytesUp + e.BytesDown + (long)packets * (PacketOverheadBytes + EmptyPacketBytes);
        }
        return (events * ConnectionIntervalMs / 1000.0, air, events);
    }
}
