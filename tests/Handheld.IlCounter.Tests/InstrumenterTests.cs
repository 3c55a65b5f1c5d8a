using System.Reflection;
using Handheld.IlCounter;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Handheld.IlCounter.Tests;

/// <summary>
/// The counter against hand-written IL whose executed instruction count is known exactly: a loop, a short branch
/// the probes push out of range, a switch, a caught exception, and allocations sized as nanoCLR lays them out.
/// </summary>
[Collection(nameof(IlProbe))]
public sealed class InstrumenterTests
{
    private static readonly Lazy<Type> Sample = new(BuildSample);

    // sum = 0; i = 0; goto cond; body: sum += i; i++; cond: if (i < n) goto body; return sum;
    // 5 before the loop, 8 per pass through the body, 3 per test of the condition (n + 1 of them), 2 after.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Step_Loop_CountsEveryInstructionExecuted(int n)
    {
        var (result, count) = Count("Loop", n);
        Assert.Equal(n * (n - 1) / 2, (int)result!);
        Assert.Equal(10 + 11L * n, count);
    }

    // ldarg.0; brtrue.s end; 40 × nop; end: ldc.i4.1; ret — 40 probes of 5 bytes push the short branch out of range.
    [Theory]
    [InlineData(true, 4)]
    [InlineData(false, 44)]
    public void Step_ShortBranchOverGrownCode_StaysCorrect(bool skip, long expected)
    {
        var (result, count) = Count("Skip", skip);
        Assert.Equal(1, (int)result!);
        Assert.Equal(expected, count);
    }

    // ldarg.0; switch (a, b); ldc.i4 30; ret; a: ldc.i4 10; ret; b: ldc.i4 20; ret — four instructions on every path.
    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 20)]
    [InlineData(5, 30)]
    public void Step_SwitchTargets_CountTheLandingInstruction(int x, int value)
    {
        var (result, count) = Count("Switch", x);
        Assert.Equal(value, (int)result!);
        Assert.Equal(4, count);
    }

    // try { ldarg.0; brtrue.s t; ldc.i4.1; stloc.0; leave.s end; t: newobj Exception; throw }
    // catch (Exception) { pop; ldc.i4.2; stloc.0; leave.s end } end: ldloc.0; ret
    [Theory]
    [InlineData(0, 1, 7)]
    [InlineData(1, 2, 10)]
    public void Step_CaughtException_CountsTheHandler(int x, int value, long expected)
    {
        var (result, count) = Count("Catch", x);
        Assert.Equal(value, (int)result!);
        Assert.Equal(expected, count);
        Assert.Equal(x, IlProbe.Allocations);
    }

    [Theory]
    [InlineData(0, 24)]
    [InlineData(4, 24)]
    [InlineData(5, 36)]
    [InlineData(100, 120)]
    public void Allocated_ByteArray_HeaderPlusElementsInWholeBlocks(int length, long bytes)
    {
        var (_, count) = Count("Bytes", length);
        Assert.Equal(3, count);
        Assert.Equal(1, IlProbe.Allocations);
        Assert.Equal(bytes, IlProbe.AllocatedBytes);
    }

    [Fact]
    public void Allocated_ObjectWithThreeFields_HeaderPlusOneBlockPerField()
    {
        var (result, _) = Count("MakeHolder");
        Assert.NotNull(result);
        Assert.Equal(1, IlProbe.Allocations);
        Assert.Equal(12 + 3 * 12, IlProbe.AllocatedBytes);
    }

    [Fact]
    public void Allocated_UlongArray_EightBytesPerElement()
    {
        var (_, count) = Count("Ulongs", 16);
        Assert.Equal(3, count);
        Assert.Equal(156, IlProbe.AllocatedBytes); // 20 + 16 · 8 = 148, rounded up to 13 blocks
    }

    private static (object? Result, long Count) Count(string method, params object[] args)
    {
        var m = Sample.Value.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!;
        IlProbe.Reset();
        object? r = m.Invoke(null, args);
        return (r, IlProbe.Instructions);
    }

    private static Type BuildSample()
    {
        var asm = AssemblyDefinition.CreateAssembly(new AssemblyNameDefinition("Sample", new Version(1, 0)), "Sample", ModuleKind.Dll);
        var module = asm.MainModule;
        var type = new TypeDefinition("Sample", "Code", Mono.Cecil.TypeAttributes.Public | Mono.Cecil.TypeAttributes.Abstract | Mono.Cecil.TypeAttributes.Sealed, module.TypeSystem.Object);
        module.Types.Add(type);
        var i32 = module.TypeSystem.Int32;

        MethodDefinition Method(string name, TypeReference ret, params TypeReference[] parameters)
        {
            var m = new MethodDefinition(name, Mono.Cecil.MethodAttributes.Public | Mono.Cecil.MethodAttributes.Static, ret);
            foreach (var p in parameters) m.Parameters.Add(new ParameterDefinition(p));
            type.Methods.Add(m);
            return m;
        }

        {
            var m = Method("Loop", i32, i32);
            m.Body.Variables.Add(new VariableDefinition(i32));
            m.Body.Variables.Add(new VariableDefinition(i32));
            var il = m.Body.GetILProcessor();
            var body = il.Create(OpCodes.Ldloc_0);
            var cond = il.Create(OpCodes.Ldloc_1);
            il.Emit(OpCodes.Ldc_I4_0); il.Emit(OpCodes.Stloc_0); il.Emit(OpCodes.Ldc_I4_0); il.Emit(OpCodes.Stloc_1);
            il.Emit(OpCodes.Br_S, cond);
            il.Append(body); il.Emit(OpCodes.Ldloc_1); il.Emit(OpCodes.Add); il.Emit(OpCodes.Stloc_0);
            il.Emit(OpCodes.Ldloc_1); il.Emit(OpCodes.Ldc_I4_1); il.Emit(OpCodes.Add); il.Emit(OpCodes.Stloc_1);
            il.Append(cond); il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Blt_S, body);
            il.Emit(OpCodes.Ldloc_0); il.Emit(OpCodes.Ret);
        }
        {
            var m = Method("Skip", i32, module.TypeSystem.Boolean);
            var il = m.Body.GetILProcessor();
            var end = il.Create(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Brtrue_S, end);
            for (int k = 0; k < 40; k++) il.Emit(OpCodes.Nop);
            il.Append(end); il.Emit(OpCodes.Ret);
        }
        {
            var m = Method("Switch", i32, i32);
            var il = m.Body.GetILProcessor();
            var a = il.Create(OpCodes.Ldc_I4, 10);
            var b = il.Create(OpCodes.Ldc_I4, 20);
            il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Switch, new[] { a, b });
            il.Emit(OpCodes.Ldc_I4, 30); il.Emit(OpCodes.Ret);
            il.Append(a); il.Emit(OpCodes.Ret);
            il.Append(b); il.Emit(OpCodes.Ret);
        }
        {
            var m = Method("Catch", i32, i32);
            m.Body.Variables.Add(new VariableDefinition(i32));
            var il = m.Body.GetILProcessor();
            var exception = module.ImportReference(typeof(Exception));
            var ctor = module.ImportReference(typeof(Exception).GetConstructor(Type.EmptyTypes));
            var end = il.Create(OpCodes.Ldloc_0);
            var toThrow = il.Create(OpCodes.Newobj, ctor);
            var tryStart = il.Create(OpCodes.Ldarg_0);
            var handlerStart = il.Create(OpCodes.Pop);
            il.Append(tryStart); il.Emit(OpCodes.Brtrue_S, toThrow);
            il.Emit(OpCodes.Ldc_I4_1); il.Emit(OpCodes.Stloc_0); il.Emit(OpCodes.Leave_S, end);
            il.Append(toThrow); il.Emit(OpCodes.Throw);
            il.Append(handlerStart); il.Emit(OpCodes.Ldc_I4_2); il.Emit(OpCodes.Stloc_0); il.Emit(OpCodes.Leave_S, end);
            il.Append(end); il.Emit(OpCodes.Ret);
            m.Body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Catch)
            {
                TryStart = tryStart, TryEnd = handlerStart, HandlerStart = handlerStart, HandlerEnd = end, CatchType = exception,
            });
        }
        {
            var m = Method("Bytes", module.ImportReference(typeof(byte[])), i32);
            var il = m.Body.GetILProcessor();
            il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Newarr, module.TypeSystem.Byte); il.Emit(OpCodes.Ret);
        }
        {
            var m = Method("Ulongs", module.ImportReference(typeof(ulong[])), i32);
            var il = m.Body.GetILProcessor();
            il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Newarr, module.TypeSystem.UInt64); il.Emit(OpCodes.Ret);
        }
        {
            var holder = new TypeDefinition("Sample", "Holder", Mono.Cecil.TypeAttributes.Public, module.TypeSystem.Object);
            module.Types.Add(holder);
            holder.Fields.Add(new FieldDefinition("A", Mono.Cecil.FieldAttributes.Public, i32));
            holder.Fields.Add(new FieldDefinition("B", Mono.Cecil.FieldAttributes.Public, module.TypeSystem.Int64));
            holder.Fields.Add(new FieldDefinition("C", Mono.Cecil.FieldAttributes.Public, module.TypeSystem.Object));
            var ctor = new MethodDefinition(".ctor", Mono.Cecil.MethodAttributes.Public | Mono.Cecil.MethodAttributes.HideBySig
                | Mono.Cecil.MethodAttributes.SpecialName | Mono.Cecil.MethodAttributes.RTSpecialName, module.TypeSystem.Void);
            holder.Methods.Add(ctor);
            var cil = ctor.Body.GetILProcessor();
            cil.Emit(OpCodes.Ldarg_0);
            cil.Emit(OpCodes.Call, module.ImportReference(typeof(object).GetConstructor(Type.EmptyTypes)));
            cil.Emit(OpCodes.Ret);
            var m = Method("MakeHolder", module.TypeSystem.Object);
            var il = m.Body.GetILProcessor();
            il.Emit(OpCodes.Newobj, ctor); il.Emit(OpCodes.Ret);
        }

        using var ms = new MemoryStream();
        asm.Write(ms);
        var image = new Instrumenter(new[] { "Sample" }).Instrument(ms.ToArray(), AppContext.BaseDirectory);
        var context = new CountingLoadContext(new Dictionary<string, byte[]> { ["Sample"] = image }, loadOwnCopy: false);
        return context.LoadFromAssemblyName(new AssemblyName("Sample")).GetType("Sample.Code", throwOnError: true)!;
    }
}
