using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Handheld.PortabilityGuard;

/// <summary>One ring's IL size in one configuration.</summary>
public sealed record RingSize(string Assembly, string Configuration, int Bytes)
{
    public string? Violation => BytecodeSize.Verdict(Assembly, Configuration, Bytes);
}

/// <summary>
/// Compiles Core's ring assemblies from their sources, as the device build does: against the real nanoFramework
/// mscorlib only, C# 9, NANOFRAMEWORK_1_0 defined, optimised in Release and not in Debug (DEBUG and TRACE
/// defined). Each ring references the rings compiled before it, so the list must be in dependency order.
/// </summary>
public static class RingCompiler
{
    public static readonly string[] Configurations = { "Release", "Debug" };

    public static IReadOnlyList<RingSize> Measure(string firmwareDir, string mscorlib, IReadOnlyList<string> rings)
    {
        var sizes = new List<RingSize>();
        foreach (var configuration in Configurations)
        {
            var references = new List<MetadataReference> { MetadataReference.CreateFromFile(mscorlib) };
            foreach (var ring in rings)
            {
                var name = "Handheld.Core." + ring;
                var image = Compile(name, SourcesOf(Path.Combine(firmwareDir, name)), references, configuration);
                using (var pe = new PEReader(new MemoryStream(image))) sizes.Add(new RingSize(name, configuration, BytecodeSize.Measure(pe)));
                references.Add(MetadataReference.CreateFromImage(image));
            }
        }
        return sizes;
    }

    /// <summary>The .cs files of a project folder, as the .nfproj lists them (bin, obj and packages left out).</summary>
    public static IEnumerable<string> SourcesOf(string projectDir) =>
        Directory.EnumerateFiles(projectDir, "*.cs", SearchOption.AllDirectories)
            .Where(f =>
            {
                var rel = Path.GetRelativePath(projectDir, f).Replace('\\', '/');
                return !rel.StartsWith("bin/", StringComparison.Ordinal) && !rel.StartsWith("obj/", StringComparison.Ordinal)
                    && !rel.StartsWith("packages/", StringComparison.Ordinal);
            })
            .OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Compiles sources to an assembly image; throws naming the first errors when they do not compile.</summary>
    public static byte[] Compile(string assemblyName, IEnumerable<string> sourceFiles, IEnumerable<MetadataReference> references, string configuration)
    {
        bool debug = configuration == "Debug";
        var symbols = debug ? new[] { "NANOFRAMEWORK_1_0", "DEBUG", "TRACE" } : new[] { "NANOFRAMEWORK_1_0" };
        var options = new CSharpParseOptions(LanguageVersion.CSharp9, preprocessorSymbols: symbols);
        var trees = sourceFiles.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f)).ToList();
        return Compile(assemblyName, trees, references, debug);
    }

    public static byte[] Compile(string assemblyName, IEnumerable<SyntaxTree> trees, IEnumerable<MetadataReference> references, bool debug)
    {
        var compilation = CSharpCompilation.Create(assemblyName, trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: debug ? OptimizationLevel.Debug : OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Disable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException(assemblyName + " does not compile: " + string.Join("; ",
                result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        return stream.ToArray();
    }
}
