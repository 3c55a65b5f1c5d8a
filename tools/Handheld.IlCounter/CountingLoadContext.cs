using System.Reflection;
using System.Runtime.Loader;

namespace Handheld.IlCounter;

/// <summary>
/// A collectible load context holding instrumented assembly images. Names it does not hold fall back to the
/// default context, except (when asked) this tool's own assembly, which it loads again from its file so that
/// the workloads in it bind to the instrumented Core and to a fresh <see cref="IlProbe"/>.
/// </summary>
public sealed class CountingLoadContext : AssemblyLoadContext
{
    private readonly Dictionary<string, byte[]> _images;
    private readonly bool _loadOwnCopy;

    public CountingLoadContext(Dictionary<string, byte[]> images, bool loadOwnCopy)
        : base("il-counter", isCollectible: true)
    {
        _images = images;
        _loadOwnCopy = loadOwnCopy;
    }

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name != null && _images.TryGetValue(name.Name, out var image))
        {
            using var stream = new MemoryStream(image);
            return LoadFromStream(stream);
        }
        if (_loadOwnCopy && name.Name == typeof(IlProbe).Assembly.GetName().Name)
        {
            return LoadFromAssemblyPath(typeof(IlProbe).Assembly.Location);
        }
        return null;
    }
}
