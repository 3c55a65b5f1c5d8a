using Handheld.Sdk.Tests.Device;

namespace Handheld.Sdk.Tests.Store;

/// <summary>The store contract on the embedded SQLite backend (one file, WAL; importers on several connections).</summary>
public sealed class SqliteRecordStoreTests : RecordStoreContractTests
{
    protected override string NewLocation() => DeviceTestKit.TempDb();
}
