using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Handheld.PortabilityGuard;

/// <summary>
/// nanoFramework's .pe image keeps an assembly's IL in one byte-code table addressed by 16-bit offsets, so an
/// assembly holds at most 65,535 bytes of IL (the MetadataProcessor refuses more: "Byte code table overflow").
/// The figure measured here is the sum of the method bodies' IL code as Roslyn emits it. The MetadataProcessor
/// rewrites 4-byte metadata tokens as 2-byte ones, so the device's table is smaller (Core measured 55,583 B on
/// the device against 66,947 B here, 83 %): this is an upper bound, which is what a guard wants.
/// </summary>
public static class BytecodeSize
{
    /// <summary>Bytes of IL one nanoFramework assembly can hold.</summary>
    public const int PeLimit = 65_535;

    /// <summary>The guard's share of <see cref="PeLimit"/>: room left for growth before the hard limit.</summary>
    public const int GuardPercent = 70;

    /// <summary>Largest IL total the guard accepts: 70 % of 65,535 = 45,874 bytes.</summary>
    public const int GuardBytes = PeLimit * GuardPercent / 100;

    /// <summary>Sum of the IL code sizes of every method body in the assembly.</summary>
    public static int Measure(PEReader pe)
    {
        var md = pe.GetMetadataReader();
        int total = 0;
        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0) continue; // abstract, extern, interface
            total += pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader().Length;
        }
        return total;
    }

    /// <summary>Null when <paramref name="bytes"/> is within the guard, else a one-line report naming the assembly.</summary>
    public static string? Verdict(string assembly, string configuration, int bytes) =>
        bytes <= GuardBytes ? null
        : $"{assembly} ({configuration}): {bytes:N0} B of IL is {Percent(bytes):0.0} % of the {PeLimit:N0} B a nanoFramework assembly holds; the guard allows {GuardPercent} % ({GuardBytes:N0} B): split the assembly";

    public static double Percent(int bytes) => 100.0 * bytes / PeLimit;
}
