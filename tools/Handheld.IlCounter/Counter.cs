using System.Reflection;

namespace Handheld.IlCounter;

/// <summary>One operation's figures.</summary>
public sealed record Measurement(string Operation, long Instructions, long AllocatedBytes, long Allocations, long PeakLiveBytes, string Note,
    IReadOnlyList<(string Method, long Instructions)> Profile);

/// <summary>Instruments the Core rings next to this tool and runs the workloads against the copies.</summary>
public static class Counter
{
    /// <summary>Core's rings in dependency order.</summary>
    public static readonly string[] CoreRings =
    {
        "Handheld.Core.Primitives", "Handheld.Core.Crypto", "Handheld.Core.Licensing", "Handheld.Core.Sensing", "Handheld.Core.Fingerprint", "Handheld.Core.Device",
    };

    /// <summary>Instrumented images of the rings found in <paramref name="directory"/>.</summary>
    public static Dictionary<string, byte[]> InstrumentRings(string directory)
    {
        var instrumenter = new Instrumenter(CoreRings);
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var ring in CoreRings)
        {
            string path = Path.Combine(directory, ring + ".dll");
            images[ring] = instrumenter.Instrument(File.ReadAllBytes(path), directory);
        }
        return images;
    }

    public static List<Measurement> MeasureAll(string? only)
    {
        string dir = AppContext.BaseDirectory;
        var context = new CountingLoadContext(InstrumentRings(dir), loadOwnCopy: true);
        try
        {
            var own = context.LoadFromAssemblyName(typeof(Counter).Assembly.GetName());
            var workloads = own.GetType(typeof(Workloads).FullName!, throwOnError: true)!;
            var names = (string[])workloads.GetMethod(nameof(Workloads.Names))!.Invoke(null, null)!;
            var run = workloads.GetMethod(nameof(Workloads.Run))!;
            var rows = new List<Measurement>();
            foreach (var name in names)
            {
                if (only != null && !name.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
                var r = (object[])run.Invoke(null, new object[] { name, RepoRoot() })!;
                var per = (long[])r[5];
                var profile = per.Select((n, i) => (Method: i < IlProbe.MethodNames.Count ? IlProbe.MethodNames[i] : "?", Instructions: n))
                    .Where(x => x.Instructions > 0).OrderByDescending(x => x.Instructions).ToList();
                rows.Add(new Measurement(name, (long)r[0], (long)r[1], (long)r[2], (long)r[3], (string)r[4], profile));
            }
            return rows;
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The repository root (test data lives under tests/TestData).</summary>
    public static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d != null && !File.Exists(Path.Combine(d.FullName, "Handheld.sln"))) d = d.Parent;
        return d?.FullName ?? throw new WorkloadFailedException("Handheld.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>An operation gave a wrong result (e.g. a valid signature rejected): its count would mean nothing.</summary>
public sealed class WorkloadFailedException : Exception
{
    public WorkloadFailedException(string message) : base(message) { }
}
