namespace Handheld.Sdk.Tests.Store;

/// <summary>The store contract on a real PostgreSQL server (<see cref="PostgresTestServer"/>: a private cluster this test
/// run starts; the tests fail, never skip, when it cannot start). Each test gets its own database.</summary>
public sealed class PostgresRecordStoreTests : RecordStoreContractTests
{
    protected override string NewLocation() => PostgresTestServer.NewDatabase();
}
