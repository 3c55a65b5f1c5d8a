namespace Handheld.Sdk.Records;

/// <summary>A record store that cannot be opened or used, with a one-line message naming the option
/// (<c>--db: …</c>). <see cref="Environment"/>: the server or file is unreachable (exit 3), else bad input (exit 2).</summary>
public sealed class RecordStoreException(string message, bool environment = false) : Exception(message)
{
    public bool Environment { get; } = environment;
}
