using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace Handheld.IlCounter;

/// <summary>
/// Rewrites an assembly so that every IL instruction of every method body is preceded by a call to
/// <see cref="IlProbe.Step"/> (<c>ldc.i4 methodId; call Step</c>, the id naming the method for profiles), and every allocation it makes (<c>newarr</c>, <c>newobj</c> of a class,
/// <c>box</c>, and a string or array returned by a method outside the instrumented set) is passed to
/// <see cref="IlProbe.Allocated"/>. The probes themselves are not counted. Branch targets, switch tables and
/// exception-handler boundaries that named an instruction are moved to its probe, so a jump into the middle of
/// the code still counts the instruction it lands on; short branches are re-chosen afterwards
/// (<c>SimplifyMacros</c> before, <c>OptimizeMacros</c> after), so a branch the probes pushed out of the
/// ±127-byte range becomes a long one.
/// </summary>
public sealed class Instrumenter
{
    private readonly HashSet<string> _instrumented;

    /// <param name="instrumentedAssemblies">Simple names of every assembly being instrumented: calls into them
    /// are counted inside the callee, calls elsewhere are one instruction (as the interpreter's native code).</param>
    public Instrumenter(IEnumerable<string> instrumentedAssemblies)
    {
        _instrumented = new HashSet<string>(instrumentedAssemblies, StringComparer.Ordinal);
    }

    /// <summary>Instruments the assembly image and returns the rewritten image. <paramref name="searchDirectory"/>
    /// holds the assemblies it references (to tell value types from classes).</summary>
    public byte[] Instrument(byte[] image, string searchDirectory)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(searchDirectory);
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        using var input = new MemoryStream(image);
        using var assembly = AssemblyDefinition.ReadAssembly(input, new ReaderParameters { AssemblyResolver = resolver, ReadSymbols = false });
        var module = assembly.MainModule;
        var step = module.ImportReference(typeof(IlProbe).GetMethod(nameof(IlProbe.Step))!);
        var allocated = module.ImportReference(typeof(IlProbe).GetMethod(nameof(IlProbe.Allocated))!);
        foreach (var type in module.GetTypes())
        {
            foreach (var method in type.Methods)
            {
                if (method.HasBody) InstrumentBody(method.Body, IlProbe.Register(type.FullName + "::" + method.Name), step, allocated);
            }
        }
        using var output = new MemoryStream();
        assembly.Write(output);
        return output.ToArray();
    }

    private void InstrumentBody(MethodBody body, int methodId, MethodReference step, MethodReference allocated)
    {
        body.SimplifyMacros();
        var il = body.GetILProcessor();
        var original = body.Instructions.ToList();
        var probeOf = new Dictionary<Instruction, Instruction>(original.Count);
        foreach (var instruction in original)
        {
            var probe = il.Create(OpCodes.Ldc_I4, methodId);
            il.InsertBefore(instruction, probe);
            il.InsertBefore(instruction, il.Create(OpCodes.Call, step));
            probeOf[instruction] = probe;
            if (Allocates(instruction))
            {
                var call = il.Create(OpCodes.Call, allocated);
                il.InsertAfter(instruction, call);
                il.InsertAfter(instruction, il.Create(OpCodes.Dup));
            }
        }
        foreach (var instruction in body.Instructions)
        {
            if (instruction.Operand is Instruction target && probeOf.TryGetValue(target, out var p))
            {
                instruction.Operand = p;
            }
            else if (instruction.Operand is Instruction[] targets)
            {
                var moved = new Instruction[targets.Length];
                for (int i = 0; i < targets.Length; i++) moved[i] = probeOf.TryGetValue(targets[i], out var q) ? q : targets[i];
                instruction.Operand = moved;
            }
        }
        foreach (var handler in body.ExceptionHandlers)
        {
            handler.TryStart = Moved(probeOf, handler.TryStart);
            handler.TryEnd = Moved(probeOf, handler.TryEnd);
            handler.HandlerStart = Moved(probeOf, handler.HandlerStart);
            handler.HandlerEnd = Moved(probeOf, handler.HandlerEnd);
            handler.FilterStart = Moved(probeOf, handler.FilterStart);
        }
        body.OptimizeMacros();
    }

    private static Instruction Moved(Dictionary<Instruction, Instruction> probeOf, Instruction at) =>
        at == null ? null! :
        probeOf.TryGetValue(at, out var probe) ? probe : at;

    private bool Allocates(Instruction instruction)
    {
        var code = instruction.OpCode.Code;
        if (code == Code.Newarr || code == Code.Box) return true;
        if (code == Code.Newobj)
        {
            var ctor = (MethodReference)instruction.Operand;
            return !IsValueType(ctor.DeclaringType);
        }
        if (code == Code.Call || code == Code.Callvirt)
        {
            // A string or array made by the runtime on Core's behalf (Concat, ToCharArray, GetBytes, …).
            var callee = (MethodReference)instruction.Operand;
            if (_instrumented.Contains(ScopeName(callee.DeclaringType))) return false;
            var ret = callee.ReturnType;
            return ret.MetadataType == MetadataType.String || ret.IsArray;
        }
        return false;
    }

    private static bool IsValueType(TypeReference type)
    {
        if (type.IsValueType) return true;
        if (type is GenericInstanceType) return type.IsValueType;
        var resolved = type.Resolve();
        if (resolved == null) throw new InvalidOperationException("cannot resolve " + type.FullName + " to tell a struct from a class");
        return resolved.IsValueType;
    }

    private static string ScopeName(TypeReference type)
    {
        return type.Scope switch
        {
            ModuleDefinition m => m.Assembly.Name.Name,
            AssemblyNameReference a => a.Name,
            _ => type.Module.Assembly.Name.Name,
        };
    }
}
