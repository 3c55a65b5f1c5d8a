using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Handheld.Core.Tests.DeviceText;

/// <summary>Core never indexes a string: on nanoCLR <c>s[i]</c> walks the UTF-8 from the start on every call and
/// is wrong past a supplementary character (§9). Text is bytes; a string needed for display is built by the
/// strict decoder, and a string that must be walked is walked through <c>ToCharArray()</c>.</summary>
public class StringUseTests
{
    public static IEnumerable<object[]> CoreAssemblies() =>
        Directory.GetFiles(AppContext.BaseDirectory, "Handheld.Core*.dll")
            .Select(Path.GetFileName)
            .Where(n => n != typeof(StringUseTests).Assembly.GetName().Name + ".dll")
            .Select(n => new object[] { n! });

    [Theory]
    [MemberData(nameof(CoreAssemblies))]
    public void CoreAssembly_NoMethod_IndexesAString(string assembly)
    {
        using var module = ModuleDefinition.ReadModule(Path.Combine(AppContext.BaseDirectory, assembly));
        var indexing = module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody
                && m.Body.Instructions.Any(i => i.Operand is MethodReference r && r.DeclaringType.FullName == "System.String"
                    && r.Name == "get_Chars"))
            .Select(m => m.FullName).ToArray();
        Assert.True(indexing.Length == 0, "String.get_Chars in: " + string.Join(", ", indexing));
    }
}
