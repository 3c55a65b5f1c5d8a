using System.Reflection.PortableExecutable;
using System.Text;
using Handheld.PortabilityGuard;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace Handheld.Portability.Tests;

/// <summary>Each of Core's ring assemblies stays below 70 % of the 65,535 bytes of IL a nanoFramework assembly holds,
/// compiled from its sources against the real nanoFramework mscorlib in Release and in Debug.</summary>
public class BytecodeSizeTests
{
    private static readonly Lazy<IReadOnlyList<RingSize>> Sizes = new(() =>
        RingCompiler.Measure(Path.Combine(RepoPaths.Root, "firmware"), RepoPaths.NanoMscorlib, RepoPaths.CoreRings));

    private readonly ITestOutputHelper _output;

    public BytecodeSizeTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> RingsAndConfigurations()
    {
        var data = new TheoryData<string, string>();
        foreach (var configuration in RingCompiler.Configurations)
            foreach (var ring in RepoPaths.CoreRings) data.Add("Handheld.Core." + ring, configuration);
        return data;
    }

    [Theory]
    [MemberData(nameof(RingsAndConfigurations))]
    public void CoreRing_Bytecode_StaysBelowGuard(string assembly, string configuration)
    {
        var size = Sizes.Value.Single(s => s.Assembly == assembly && s.Configuration == configuration);
        _output.WriteLine($"{assembly} {configuration}: {size.Bytes:N0} B of IL, {BytecodeSize.Percent(size.Bytes):0.0} % of 65,535 (guard {BytecodeSize.GuardBytes:N0} B)");
        Assert.True(size.Violation == null, size.Violation);
        Assert.True(size.Bytes > 0);
    }

    [Fact]
    public void Guard_OversizedAssembly_IsReportedWithItsFigures()
    {
        // 4,200 statements of 12 bytes of IL each: about 50 KB, over the 45,874 B guard, under the hard limit.
        var source = new StringBuilder("public static class Big { public static int Sum(int[] a) { int s = 0;\n");
        for (int i = 0; i < 4200; i++) source.Append("s += a[").Append(i % 7).Append("] * ").Append(i + 1000).Append(";\n");
        source.Append("return s; } }");
        var tree = CSharpSyntaxTree.ParseText(source.ToString(), new CSharpParseOptions(LanguageVersion.CSharp9));
        var image = RingCompiler.Compile("Handheld.Core.Oversized", new[] { tree },
            new[] { MetadataReference.CreateFromFile(RepoPaths.NanoMscorlib) }, debug: false);
        using var pe = new PEReader(new MemoryStream(image));
        int bytes = BytecodeSize.Measure(pe);

        var verdict = new RingSize("Handheld.Core.Oversized", "Release", bytes).Violation;

        Assert.InRange(bytes, BytecodeSize.GuardBytes + 1, BytecodeSize.PeLimit);
        Assert.NotNull(verdict);
        Assert.Contains("Handheld.Core.Oversized (Release)", verdict);
        Assert.Contains(bytes.ToString("N0"), verdict);
    }

    [Fact]
    public void Measure_KnownMethod_CountsItsIlBytes()
    {
        // "return a + b;" optimised is ldarg.0, ldarg.1, add, ret: 4 bytes.
        var tree = CSharpSyntaxTree.ParseText("public static class M { public static int Add(int a, int b) { return a + b; } }",
            new CSharpParseOptions(LanguageVersion.CSharp9));
        var image = RingCompiler.Compile("Tiny", new[] { tree }, new[] { MetadataReference.CreateFromFile(RepoPaths.NanoMscorlib) }, debug: false);
        using var pe = new PEReader(new MemoryStream(image));
        Assert.Equal(4, BytecodeSize.Measure(pe));
    }
}
