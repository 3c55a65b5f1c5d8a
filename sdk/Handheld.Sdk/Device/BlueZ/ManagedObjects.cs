using Tmds.DBus.Protocol;

namespace Handheld.Sdk.Device.BlueZ;

/// <summary>The reply of ObjectManager.GetManagedObjects (a{oa{sa{sv}}}): object path → interface → properties.</summary>
public sealed class ManagedObjects
{
    public Dictionary<string, Dictionary<string, Dictionary<string, VariantValue>>> Objects { get; } = new(StringComparer.Ordinal);

    public static ManagedObjects Read(Message message)
    {
        var result = new ManagedObjects();
        var reader = message.GetBodyReader();
        var objects = reader.ReadDictionaryStart();
        while (reader.HasNext(objects))
        {
            var path = reader.ReadObjectPathAsString();
            result.Objects[path] = ReadInterfaces(ref reader);
        }
        return result;
    }

    /// <summary>Reads a{sa{sv}}: interfaces and their properties (also the body of InterfacesAdded after its path).</summary>
    public static Dictionary<string, Dictionary<string, VariantValue>> ReadInterfaces(ref Reader reader)
    {
        var interfaces = new Dictionary<string, Dictionary<string, VariantValue>>(StringComparer.Ordinal);
        var end = reader.ReadDictionaryStart();
        while (reader.HasNext(end))
        {
            var name = reader.ReadString();
            interfaces[name] = reader.ReadDictionaryOfStringToVariantValue();
        }
        return interfaces;
    }

    /// <summary>Paths holding <paramref name="iface"/>, with that interface's properties.</summary>
    public IEnumerable<(string Path, Dictionary<string, VariantValue> Properties)> With(string iface) =>
        Objects.Where(o => o.Value.ContainsKey(iface)).OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => (o.Key, o.Value[iface]));
}
