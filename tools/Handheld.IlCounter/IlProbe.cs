namespace Handheld.IlCounter;

/// <summary>
/// The counters the instrumented Core code calls. Every instrumented assembly references this type; in the
/// counting context (see <see cref="CountingLoadContext"/>) the copy of this assembly loaded there is the one
/// Core binds to, so one measurement never sees another's counts.
/// </summary>
public static class IlProbe
{
    /// <summary>IL instructions executed by instrumented code since the last <see cref="Reset"/>.</summary>
    public static long Instructions;

    /// <summary>Bytes allocated by instrumented code (nanoCLR layout, see <see cref="NanoLayout"/>).</summary>
    public static long AllocatedBytes;

    /// <summary>Objects and arrays allocated by instrumented code.</summary>
    public static long Allocations;

    /// <summary>When set, every allocation is remembered (weakly) so the live total can be sampled.</summary>
    public static bool TrackLive;

    /// <summary>Largest sum of still-reachable allocations seen at an allocation (with <see cref="TrackLive"/>).</summary>
    public static long PeakLiveBytes;

    private static readonly List<(WeakReference Ref, int Size)> Live = new();

    public static void Reset()
    {
        Instructions = 0;
        AllocatedBytes = 0;
        Allocations = 0;
        PeakLiveBytes = 0;
        Live.Clear();
        Array.Clear(PerMethod);
    }

    /// <summary>Instructions executed per instrumented method (index: <see cref="MethodNames"/>), for profiles.</summary>
    public static long[] PerMethod = new long[1 << 16];

    /// <summary>Names of the instrumented methods, by the id their probes pass.</summary>
    public static readonly List<string> MethodNames = new();

    /// <summary>Registers a method and returns the id its probes pass to <see cref="Step"/>.</summary>
    public static int Register(string method)
    {
        lock (MethodNames)
        {
            if (MethodNames.Count == PerMethod.Length) throw new InvalidOperationException("more than " + PerMethod.Length + " methods instrumented");
            MethodNames.Add(method);
            return MethodNames.Count - 1;
        }
    }

    /// <summary>Called before every instrumented instruction, with the id of the method it belongs to.</summary>
    public static void Step(int method)
    {
        Instructions++;
        PerMethod[method]++;
    }

    /// <summary>Called with the object a <c>newobj</c> or <c>box</c> just created, or an array a <c>newarr</c> made.</summary>
    public static void Allocated(object created)
    {
        if (created == null) return;
        int size = NanoLayout.SizeOf(created);
        AllocatedBytes += size;
        Allocations++;
        if (!TrackLive) return;
        Live.Add((new WeakReference(created), size));
        // Sample what is still reachable now that this object exists: a full collection, then the survivors.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long live = 0;
        for (int i = Live.Count - 1; i >= 0; i--)
        {
            if (Live[i].Ref.IsAlive) live += Live[i].Size;
            else Live.RemoveAt(i);
        }
        if (live > PeakLiveBytes) PeakLiveBytes = live;
    }

    /// <summary>Sum of the tracked allocations still reachable (after a full collection).</summary>
    public static long LiveBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long live = 0;
        foreach (var (r, size) in Live) if (r.IsAlive) live += size;
        return live;
    }
}
