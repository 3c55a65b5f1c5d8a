using System.Reflection;
using System.Runtime.Loader;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace Handheld.Core.Tests.DeviceText;

/// <summary>
/// The "device" test mode: a copy of the compiled Core assemblies (every Handheld.Core*.dll beside the tests)
/// in which each call to a System.String member is redirected to <see cref="DeviceString"/>'s nanoCLR model,
/// loaded with a copy of this test assembly into its own AssemblyLoadContext. <see cref="Invoke"/> runs a
/// static method of this assembly there, so the same test code drives Core once as .NET runs it and once as
/// nanoCLR would. A String member the model does not cover fails the rewrite (no silent gap): extend
/// <see cref="DeviceString"/> first.
/// </summary>
public sealed class DeviceRuntime
{
    private static readonly Lazy<DeviceRuntime> Instance = new(() => new DeviceRuntime());
    private readonly Context _context;
    private readonly Assembly _tests;

    /// <summary>The String members Core calls today, by Cecil full name, and the shim that replaces each.</summary>
    private static readonly Dictionary<string, string> Shims = new()
    {
        ["System.Int32 System.String::get_Length()"] = nameof(DeviceString.ShimLength),
        ["System.Char System.String::get_Chars(System.Int32)"] = nameof(DeviceString.ShimGetChars),
        ["System.Void System.String::.ctor(System.Char[])"] = nameof(DeviceString.ShimNew),
        ["System.Void System.String::.ctor(System.Char[],System.Int32,System.Int32)"] = nameof(DeviceString.ShimNew),
        ["System.String System.String::Concat(System.String,System.String)"] = nameof(DeviceString.ShimConcat),
        ["System.String System.String::Concat(System.String,System.String,System.String)"] = nameof(DeviceString.ShimConcat),
        ["System.String System.String::Concat(System.String[])"] = nameof(DeviceString.ShimConcat),
        ["System.Boolean System.String::op_Equality(System.String,System.String)"] = nameof(DeviceString.ShimEquals),
        ["System.Boolean System.String::op_Inequality(System.String,System.String)"] = nameof(DeviceString.ShimNotEquals),
        ["System.Boolean System.String::StartsWith(System.String)"] = nameof(DeviceString.ShimStartsWith),
        ["System.Char[] System.String::ToCharArray()"] = nameof(DeviceString.ShimToCharArray),
        ["System.Int32 System.String::IndexOf(System.Char)"] = nameof(DeviceString.ShimIndexOf),
        ["System.String System.String::Substring(System.Int32)"] = nameof(DeviceString.ShimSubstring),
        ["System.String System.String::Substring(System.Int32,System.Int32)"] = nameof(DeviceString.ShimSubstring),
    };

    private DeviceRuntime()
    {
        string dir = AppContext.BaseDirectory;
        var rewritten = new Dictionary<string, byte[]>();
        foreach (var path in Directory.GetFiles(dir, "Handheld.Core*.dll"))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (name == typeof(DeviceRuntime).Assembly.GetName().Name)
            {
                continue;
            }
            rewritten[name] = Rewrite(path, out int sites, _ => true);
            RewrittenCallSites[name] = sites;
        }
        // This test assembly is loaded too, with only its [DeviceCode] probe types rewritten.
        string tests = typeof(DeviceRuntime).Assembly.Location;
        rewritten[Path.GetFileNameWithoutExtension(tests)] = Rewrite(tests, out _, t => t.CustomAttributes.Any(
            a => a.AttributeType.FullName == typeof(DeviceCodeAttribute).FullName));
        _context = new Context(rewritten);
        _tests = _context.LoadFromAssemblyName(typeof(DeviceRuntime).Assembly.GetName());
    }

    /// <summary>Call sites redirected per Core assembly (for the report and a test that the rewrite happened).</summary>
    public Dictionary<string, int> RewrittenCallSites { get; } = new();

    public static DeviceRuntime Shared => Instance.Value;

    /// <summary>Runs <paramref name="type"/>.<paramref name="method"/> of this test assembly against the rewritten
    /// Core; arguments and result must be types both worlds share (primitives, strings, byte arrays). Throws
    /// when the model recorded a divergence (behaviour nanoCLR gets wrong) during the call.</summary>
    public object? Invoke(Type type, string method, params object?[] args)
    {
        var t = _tests.GetType(type.FullName!, throwOnError: true)!;
        var take = _tests.GetType(typeof(DeviceString).FullName!)!.GetMethod(nameof(DeviceString.TakeDivergences))!;
        take.Invoke(null, null);
        object? result;
        try
        {
            result = t.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args);
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            throw e.InnerException;
        }
        var divergences = (string[])take.Invoke(null, null)!;
        if (divergences.Length > 0)
        {
            throw new DeviceDivergenceException(string.Join("; ", divergences.Distinct()));
        }
        return result;
    }

    /// <summary>Runs the same static method on .NET (this context) and under the device model.</summary>
    public static (object? DotNet, object? Device) RunBoth(Type type, string method, params object?[] args)
    {
        object? net;
        try
        {
            net = type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args);
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            throw e.InnerException;
        }
        return (net, Shared.Invoke(type, method, args));
    }

    private static byte[] Rewrite(string path, out int sites, Func<TypeDefinition, bool> select)
    {
        sites = 0;
        using var module = ModuleDefinition.ReadModule(path, new ReaderParameters { ReadSymbols = false });
        var shimMethods = typeof(DeviceString).GetMethods(BindingFlags.Public | BindingFlags.Static);
        MethodReference Import(string shim, MethodReference original)
        {
            var parameters = new List<Type>();
            if (original.HasThis && original.Name != ".ctor")
            {
                parameters.Add(typeof(string));
            }
            foreach (var p in original.Parameters)
            {
                parameters.Add(Type.GetType(p.ParameterType.FullName, throwOnError: true)!);
            }
            var m = shimMethods.Single(x => x.Name == shim
                && x.GetParameters().Select(q => q.ParameterType).SequenceEqual(parameters));
            return ImportShim(module, m);
        }
        foreach (var type in module.GetTypes().Where(select))
        {
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                var il = method.Body.GetILProcessor();
                method.Body.SimplifyMacros();
                foreach (var ins in method.Body.Instructions.ToArray())
                {
                    if (ins.OpCode == OpCodes.Ldstr && !DeviceString.IsDeviceString((string)ins.Operand))
                    {
                        var after = il.Create(OpCodes.Call, ImportShim(module,
                            typeof(DeviceString).GetMethod(nameof(DeviceString.ShimLiteral))!));
                        il.InsertAfter(ins, after);
                        sites++;
                        continue;
                    }
                    if (ins.Operand is not MethodReference target || target.DeclaringType.FullName != "System.String")
                    {
                        continue;
                    }
                    if (ins.OpCode != OpCodes.Call && ins.OpCode != OpCodes.Callvirt && ins.OpCode != OpCodes.Newobj)
                    {
                        throw new NotSupportedException($"{method.FullName}: {ins.OpCode} {target.FullName} is not modelled");
                    }
                    if (!Shims.TryGetValue(target.FullName, out var shim))
                    {
                        throw new NotSupportedException(
                            $"{method.FullName} calls {target.FullName}, which DeviceString does not model yet");
                    }
                    ins.OpCode = OpCodes.Call;
                    ins.Operand = Import(shim, target);
                    sites++;
                }
                method.Body.OptimizeMacros();
            }
        }
        using var output = new MemoryStream();
        module.Write(output);
        return output.ToArray();
    }

    // In this test assembly itself the shim is a local definition, elsewhere a reference to this assembly.
    private static MethodReference ImportShim(ModuleDefinition module, MethodInfo shim)
    {
        if (module.Assembly.Name.Name != typeof(DeviceString).Assembly.GetName().Name)
        {
            return module.ImportReference(shim);
        }
        var local = module.GetType(typeof(DeviceString).FullName).Methods.Single(m => m.Name == shim.Name
            && m.Parameters.Select(p => p.ParameterType.FullName).SequenceEqual(
                shim.GetParameters().Select(p => p.ParameterType.FullName)));
        return local;
    }

    private sealed class Context : AssemblyLoadContext
    {
        private readonly Dictionary<string, byte[]> _rewritten;

        public Context(Dictionary<string, byte[]> rewritten) : base("nanoCLR strings", isCollectible: false)
        {
            _rewritten = rewritten;
        }

        // Rewritten assemblies load here; everything else (BCL, xunit) is shared with the default context.
        protected override Assembly? Load(AssemblyName name) =>
            name.Name != null && _rewritten.TryGetValue(name.Name, out var image) ? LoadFromStream(new MemoryStream(image)) : null;
    }
}

/// <summary>Marks a test type whose code runs as device code under <see cref="DeviceRuntime"/> (its String
/// calls are rewritten like Core's): the probes that check the model reproduces what the interpreter did.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DeviceCodeAttribute : Attribute;

/// <summary>Core did something whose result on nanoCLR differs from .NET's or is not defined (§9).</summary>
public sealed class DeviceDivergenceException(string message) : Exception(message);
