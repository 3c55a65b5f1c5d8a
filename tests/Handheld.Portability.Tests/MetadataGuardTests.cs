using Handheld.PortabilityGuard;
using Microsoft.CodeAnalysis.CSharp;

namespace Handheld.Portability.Tests;

/// <summary>The guard itself is tested: snippets compiled here with Roslyn must be reported for each
/// construct the device cannot run, and a snippet inside the API must pass.</summary>
public class MetadataGuardTests
{
    // Lines copied from shared/nanoframework/api-surface.txt (mscorlib 1.17.11): enough for the clean snippet.
    private static readonly ApiAllowList AllowList = ApiAllowList.Parse(new[]
    {
        "TYPE class System.Object",
        "System.Object::.ctor()",
        "TYPE class sealed System.String : System.Object",
        "System.String::Concat(System.String,System.String) -> System.String [static]",
        "System.String::Length : System.Int32 {get;}",
        "System.String::Format(System.String,params System.Object[]) -> System.String [static]",
        "TYPE struct System.Int32 : System.ValueType",
        "System.Int32::ToString() -> System.String [override]",
        "TYPE class abstract System.ValueType : System.Object",
        "TYPE struct System.Void : System.ValueType",
        "TYPE struct System.Byte : System.ValueType",
        "TYPE class abstract System.Array : System.Object",
        "TYPE class abstract System.Delegate : System.Object",
        "TYPE class abstract System.MulticastDelegate : System.Delegate",
        "TYPE struct System.IntPtr : System.ValueType",
        "TYPE class System.Collections.ArrayList : System.Object",
        "System.Collections.ArrayList::.ctor()",
        "System.Collections.ArrayList::Add(System.Object) -> System.Int32 [virtual]",
        "System.Collections.ArrayList::Count : System.Int32 {get;} [virtual]",
        "TYPE class static System.Threading.Monitor",
        "System.Threading.Monitor::Enter(System.Object) -> System.Void [static]",
        "System.Threading.Monitor::Exit(System.Object) -> System.Void [static]",
        "System.Delegate::Combine(System.Delegate,System.Delegate) -> System.Delegate [static]",
        "System.Delegate::Remove(System.Delegate,System.Delegate) -> System.Delegate [static]",
    });

    private static IReadOnlyList<Violation> Check(string source, LanguageVersion language = LanguageVersion.CSharp9,
        params Microsoft.CodeAnalysis.MetadataReference[] extra)
    {
        using var pe = InMemoryCompiler.Compile(source, language, extra);
        return new MetadataGuard(AllowList).Check(pe);
    }

    private static string Describe(IReadOnlyList<Violation> violations) => string.Join("\n", violations);

    [Fact]
    public void Check_CodeInsideTheApi_ReportsNothing()
    {
        var violations = Check(@"
namespace Snippet {
  public delegate int Step(int x);
  public sealed class Clean {
    private readonly object _gate = new object();
    public event Step Stepped;
    public int Locked() { lock (_gate) { return Stepped == null ? 0 : 1; } }
    private readonly System.Collections.ArrayList _items = new System.Collections.ArrayList();
    public int Add(string s) { _items.Add(s + ""!""); return _items.Count + s.Length; }
    public string Show(int i) { return i.ToString(); }
    public int Apply(Step f) { return f(3); }
  }
}");
        Assert.True(violations.Count == 0, Describe(violations));
    }

    [Fact]
    public void Check_ListOfT_ReportsGenericUseAndSourceType()
    {
        var violations = Check(@"
namespace Snippet { public class UsesList { public int F() { var l = new System.Collections.Generic.List<int>(); l.Add(1); return l.Count; } } }");
        Assert.Contains(violations, v => v.Kind == ViolationKind.UsesGeneric && v.Reference.Contains("System.Collections.Generic.List`1<System.Int32>") && v.UsedBy == "Snippet.UsesList");
        Assert.Contains(violations, v => v.Kind == ViolationKind.NotInNanoFrameworkApi && v.Reference == "System.Collections.Generic.List`1");
    }

    [Fact]
    public void Check_Linq_ReportsLinq()
    {
        var violations = Check(@"
using System.Linq;
namespace Snippet { public class UsesLinq { public int F(int[] a) { return a.Where(x => x > 1).Count(); } } }");
        Assert.Contains(violations, v => v.Kind == ViolationKind.Linq && v.Reference == "System.Linq.Enumerable" && v.UsedBy == "Snippet.UsesLinq");
    }

    [Fact]
    public void Check_AsyncMethod_ReportsAsyncOnSourceType()
    {
        var violations = Check(@"
namespace Snippet { public class UsesAsync { public async System.Threading.Tasks.Task<int> F() { await System.Threading.Tasks.Task.Yield(); return 1; } } }");
        Assert.Contains(violations, v => v.Kind == ViolationKind.Async && v.UsedBy == "Snippet.UsesAsync");
    }

    [Fact]
    public void Check_MemberMissingOnDevice_ReportsTheMember()
    {
        var violations = Check(@"
namespace Snippet { public class UsesReplace { public string F(string s) { return s.Replace(""a"", ""b""); } } }");
        var v = Assert.Single(violations);
        Assert.Equal(ViolationKind.NotInNanoFrameworkApi, v.Kind);
        Assert.Equal("System.String::Replace(System.String,System.String)", v.Reference);
        Assert.Equal("Snippet.UsesReplace", v.UsedBy);
    }

    [Fact]
    public void Check_Tuple_ReportsTuple()
    {
        var violations = Check(@"
namespace Snippet { public class UsesTuple { public (int, int) F() { return (1, 2); } } }");
        Assert.Contains(violations, v => v.Kind == ViolationKind.Tuple && v.UsedBy == "Snippet.UsesTuple");
    }

    [Fact]
    public void Check_Span_ReportsSpan()
    {
        var violations = Check(@"
namespace Snippet { public class UsesSpan { public int F(byte[] b) { System.Span<byte> s = b; return s.Length; } } }");
        Assert.Contains(violations, v => v.Kind == ViolationKind.Span && v.UsedBy == "Snippet.UsesSpan");
    }

    [Fact]
    public void Check_InterpolatedStringWithCSharp10_ReportsHandler()
    {
        var violations = Check(@"
namespace Snippet { public class UsesHandler { public string F(int i) { return $""n={i}""; } } }", LanguageVersion.CSharp10);
        Assert.Contains(violations, v => v.Kind == ViolationKind.InterpolatedStringHandler && v.UsedBy == "Snippet.UsesHandler");
    }

    [Fact]
    public void Check_InterpolatedStringWithCSharp9OnNet10_StillReportsHandler()
    {
        // Roslyn picks the handler whenever the target library has one, whatever the language version; the
        // device build lowers the same source to string.Format. Core therefore avoids $"..." altogether.
        var violations = Check(@"
namespace Snippet { public class UsesFormat { public string F(int i) { return $""n={i}""; } } }");
        Assert.Contains(violations, v => v.Kind == ViolationKind.InterpolatedStringHandler);
    }

    [Fact]
    public void Check_StringFormatWithObjectArray_Passes()
    {
        var violations = Check(@"
namespace Snippet { public class UsesFormat { public string F(int i) { return string.Format(""n={0}"", new object[] { i }); } } }");
        Assert.True(violations.Count == 0, Describe(violations));
    }

    [Fact]
    public void Check_StringFormatOverloadMissingOnDevice_Reported()
    {
        // .NET binds Format(string, object); the device has only Format(string, params object[]).
        var violations = Check(@"
namespace Snippet { public class UsesFormat { public string F(int i) { return string.Format(""n={0}"", i); } } }");
        Assert.Contains(violations, v => v.Reference == "System.String::Format(System.String,System.Object)");
    }

    [Fact]
    public void Check_GenericDefinition_ReportsDefinition()
    {
        var violations = Check(@"
namespace Snippet { public class Box<T> { public T Value; } public class Plain { public static T Id<T>(T x) { return x; } } }");
        Assert.Contains(violations, v => v.Kind == ViolationKind.DefinesGeneric && v.Reference == "Snippet.Box`1");
        Assert.Contains(violations, v => v.Kind == ViolationKind.DefinesGeneric && v.Reference == "Snippet.Plain::Id");
    }

    [Fact]
    public void Check_HardwareNamespace_ReportsHardware()
    {
        var hardware = InMemoryCompiler.CompileReference(@"
namespace System.Device.Gpio { public class GpioController { public void Write(int pin, int value) { } } }");
        var violations = Check(@"
namespace Snippet { public class TouchesPins { public void F(System.Device.Gpio.GpioController c) { c.Write(1, 1); } } }",
            LanguageVersion.CSharp9, hardware);
        Assert.Contains(violations, v => v.Kind == ViolationKind.HardwareNamespace && v.Reference == "System.Device.Gpio.GpioController" && v.UsedBy == "Snippet.TouchesPins");
    }

    [Fact]
    public void Check_ActionOfT_ReportedEvenThoughMscorlibDeclaresIt()
    {
        // mscorlib 1.17 declares Action<T>, so it compiles for the device, but generics fail when loaded on 1.x.
        var violations = Check(@"
namespace Snippet { public class UsesAction { public void F(System.Action<int> a) { a(1); } } }");
        Assert.Contains(violations, v => v.Kind == ViolationKind.UsesGeneric && v.Reference.StartsWith("System.Action`1<", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_LambdaClosure_ReportsTheSourceTypeNotTheCompilerClass()
    {
        var violations = Check(@"
namespace Snippet { public class Outer { public string F(string s) { System.Func<string> f = () => s.Trim(); return f(); } } }");
        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Equal("Snippet.Outer", v.UsedBy));
        Assert.Contains(violations, v => v.Reference == "System.String::Trim()");
    }
}
