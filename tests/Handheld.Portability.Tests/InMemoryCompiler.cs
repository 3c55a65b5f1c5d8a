using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Handheld.Portability.Tests;

/// <summary>Compiles test snippets with Roslyn against the running .NET, so the guard sees real compiler output.</summary>
internal static class InMemoryCompiler
{
    private static readonly MetadataReference[] Framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToArray();

    public static PEReader Compile(string source, LanguageVersion language = LanguageVersion.CSharp9, params MetadataReference[] extra)
    {
        var compilation = CSharpCompilation.Create("Snippet" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(language)) },
            Framework.Concat(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        return new PEReader(stream);
    }

    public static MetadataReference CompileReference(string source)
    {
        using var pe = Compile(source);
        var image = pe.GetEntireImage().GetContent();
        return MetadataReference.CreateFromImage(image);
    }
}
