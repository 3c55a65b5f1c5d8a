using System.Threading.Channels;
using Handheld.Core.Protocol;
using Handheld.Core.Trust;
using Handheld.Sdk.Device;

namespace Handheld.Sdk.Tests.Device;

/// <summary>A device (or a man in the middle) answering with a reply of the right type but a short body: the
/// client must report a link error, never an index fault.</summary>
public class DeviceClientShortReplyTests
{
    /// <summary>Answers every request with a response of the matching type whose body is <c>reply</c>.</summary>
    private sealed class ShortReplyDevice(byte[] reply) : IDeviceTransport
    {
        private readonly FrameAssembler _assembler = new();
        private readonly Channel<byte[]> _down = Channel.CreateUnbounded<byte[]>();
        public int Mtu => 185;

        public Task SendChunkAsync(byte[] chunk, int offset, int count, CancellationToken cancellationToken)
        {
            if (_assembler.Feed(chunk, offset, count) != FrameResult.Message) return Task.CompletedTask;
            byte[] message = Frame.EncodeMessage(MessageType.ResponseTo(_assembler.MessageType), _assembler.RequestId, reply, 0, reply.Length);
            int size = Frame.ChunkSizeForMtu(Mtu);
            for (int i = 0; i < Frame.ChunkCount(message.Length, size); i++)
            {
                var c = new byte[size];
                int n = Frame.WriteChunk(message, message.Length, size, i, c);
                _down.Writer.TryWrite(c[..n]);
            }
            return Task.CompletedTask;
        }

        public async Task<byte[]?> ReceiveChunkAsync(CancellationToken cancellationToken) =>
            await _down.Reader.ReadAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task SetTime_ShortReply_DeviceLinkException(int length)
    {
        await using var client = new DeviceClient(new ShortReplyDevice(new byte[length]));
        await Assert.ThrowsAsync<DeviceLinkException>(() => client.SetTimeAsync(1_800_000_000));
    }

    [Fact]
    public async Task SyncCommit_ShortReply_DeviceLinkException()
    {
        await using var client = new DeviceClient(new ShortReplyDevice(new byte[2]));
        await Assert.ThrowsAsync<DeviceLinkException>(() => client.SyncCommitAsync(0, 5, new byte[32], new byte[32]));
    }

    [Fact]
    public async Task PushList_ShortReply_DeviceLinkException()
    {
        await using var client = new DeviceClient(new ShortReplyDevice([ListKind.Trust, 1, 2]));
        await Assert.ThrowsAsync<DeviceLinkException>(() => client.PushListAsync(ListKind.Trust, new byte[8]));
    }
}
