using Handheld.PortabilityGuard;

namespace Handheld.Portability.Tests;

/// <summary>Device sources that cannot be compiled here are checked as syntax for constructs 1.x cannot run.</summary>
public class SyntaxGuardTests
{
    [Theory]
    [InlineData("firmware")]
    [InlineData("tests/Handheld.Firmware.Tests")]
    public void DeviceSources_HaveNoForbiddenSyntax(string folder)
    {
        var findings = SyntaxGuard.CheckDirectory(Path.Combine(RepoPaths.Root, folder), RepoPaths.Root);
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Theory]
    [InlineData("class A { System.Collections.Generic.List<int> x; }", "generic type or method", 1)]
    [InlineData("class A<T> { }", "generic definition", 1)]
    [InlineData("class A {\n async void F() { } }", "async method", 2)]
    [InlineData("class A { async System.Threading.Tasks.Task F() {\n await G(); } System.Threading.Tasks.Task G() { return null; } }", "await", 2)]
    [InlineData("using System.Linq;\nclass A { }", "System.Linq", 1)]
    [InlineData("class A { (int, int) F() { return (1, 2); } }", "tuple type", 1)]
    [InlineData("class A { void F() { var t = (1, 2); } }", "tuple", 1)]
    [InlineData("\n\nrecord R(int X);", "record", 3)]
    [InlineData("class A { int? x; }", "nullable value type", 1)]
    [InlineData("class A { System.Collections.IEnumerable F() { yield return 1; } }", "yield (iterator)", 1)]
    public void CheckSource_ForbiddenConstruct_ReportedWithFileAndLine(string source, string construct, int line)
    {
        var findings = SyntaxGuard.CheckSource(source, "Sample.cs");
        Assert.Contains(findings, f => f.Construct == construct && f.Line == line && f.File == "Sample.cs");
    }

    [Fact]
    public void CheckSource_PlainDeviceCode_ReportsNothing()
    {
        var findings = SyntaxGuard.CheckSource(@"
using System;
using System.Collections;
class A { ArrayList l = new ArrayList(); int F(int[] a) { int s = 0; foreach (int x in a) s += x; return s; } }", "A.cs");
        Assert.Empty(findings);
    }
}
