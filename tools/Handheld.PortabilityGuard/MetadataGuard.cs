using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Handheld.PortabilityGuard;

/// <summary>
/// Reads a compiled assembly's metadata and reports every reference that nanoFramework 1.x cannot satisfy,
/// naming the source type that uses it. Walks each type's base type, interfaces, fields, method signatures,
/// custom attributes and the tokens in every method body (calls, field access, newobj, casts, ldtoken).
/// Assembly-level attributes are skipped: the build system, not the source, emits them.
/// </summary>
public sealed class MetadataGuard
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly ApiAllowList _allowList;

    public MetadataGuard(ApiAllowList allowList) => _allowList = allowList;

    /// <summary>Checks the assembly at <paramref name="path"/>; returns violations, distinct and sorted.</summary>
    public IReadOnlyList<Violation> Check(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        return Check(pe);
    }

    public IReadOnlyList<Violation> Check(PEReader pe)
    {
        var md = pe.GetMetadataReader();
        var run = new Run(md, pe, _allowList);
        foreach (var handle in md.TypeDefinitions) run.CheckType(handle);
        return run.Violations.Distinct().OrderBy(v => v.UsedBy, StringComparer.Ordinal)
            .ThenBy(v => v.Reference, StringComparer.Ordinal).ToList();
    }

    /// <summary>Lines from <paramref name="apiSurface"/> covering every nanoFramework reference of the assembly;
    /// used to (re)build a project's allow-list. References missing from the surface are returned separately.</summary>
    public static (IReadOnlyList<string> Lines, IReadOnlyList<string> Missing) NeededLines(string assemblyPath, ApiAllowList apiSurface)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var run = new Run(pe.GetMetadataReader(), pe, apiSurface) { CollectLines = true };
        foreach (var handle in run.Md.TypeDefinitions) run.CheckType(handle);
        return (run.NeededLines.OrderBy(l => l, StringComparer.Ordinal).ToList(),
                run.Violations.Where(v => v.Kind == ViolationKind.NotInNanoFrameworkApi).Select(v => v.Reference).Distinct().ToList());
    }

    private sealed class Run
    {
        public readonly MetadataReader Md;
        private readonly PEReader _pe;
        private readonly ApiAllowList _allow;
        private readonly TypeNameProvider _names;
        public readonly List<Violation> Violations = new();
        public readonly HashSet<string> NeededLines = new(StringComparer.Ordinal);
        public bool CollectLines;
        private string _usedBy = "";

        public Run(MetadataReader md, PEReader pe, ApiAllowList allow)
        {
            Md = md; _pe = pe; _allow = allow; _names = new TypeNameProvider(md);
        }

        private void Report(ViolationKind kind, string reference) => Violations.Add(new Violation(kind, reference, _usedBy));

        public void CheckType(TypeDefinitionHandle handle)
        {
            var type = Md.GetTypeDefinition(handle);
            var name = _names.GetTypeFromDefinition(Md, handle, 0);
            if (name == "<Module>") return;
            _usedBy = SourceTypeName(handle);

            if (type.GetGenericParameters().Count > 0) Report(ViolationKind.DefinesGeneric, name);
            if (!type.BaseType.IsNil) CheckTypeHandle(type.BaseType);
            foreach (var ih in type.GetInterfaceImplementations()) CheckTypeHandle(Md.GetInterfaceImplementation(ih).Interface);
            CheckAttributes(type.GetCustomAttributes());

            foreach (var fh in type.GetFields())
            {
                var field = Md.GetFieldDefinition(fh);
                Decoded(() => field.DecodeSignature(_names, 0));
                CheckAttributes(field.GetCustomAttributes());
            }
            bool isDelegate = !type.BaseType.IsNil && _names.TypeOf(type.BaseType) == "System.MulticastDelegate";
            foreach (var mh in type.GetMethods())
            {
                var method = Md.GetMethodDefinition(mh);
                // The compiler adds BeginInvoke/EndInvoke to delegates only when the target library has
                // IAsyncResult/AsyncCallback; compiled for the device they do not exist.
                if (isDelegate && Md.GetString(method.Name) is "BeginInvoke" or "EndInvoke") continue;
                if (method.GetGenericParameters().Count > 0) Report(ViolationKind.DefinesGeneric, name + "::" + Md.GetString(method.Name));
                Decoded(() => method.DecodeSignature(_names, 0));
                CheckAttributes(method.GetCustomAttributes());
                foreach (var ph in method.GetParameters()) CheckAttributes(Md.GetParameter(ph).GetCustomAttributes());
                if (method.RelativeVirtualAddress != 0) CheckBody(_pe.GetMethodBody(method.RelativeVirtualAddress));
            }
            foreach (var ph in type.GetProperties()) CheckAttributes(Md.GetPropertyDefinition(ph).GetCustomAttributes());
        }

        /// <summary>Compiler-generated nested types (closures, state machines) are reported as their source type.</summary>
        private string SourceTypeName(TypeDefinitionHandle handle)
        {
            var current = handle;
            while (true)
            {
                var def = Md.GetTypeDefinition(current);
                var n = Md.GetString(def.Name);
                var declaring = def.GetDeclaringType();
                if (declaring.IsNil || !(n.StartsWith('<') || n.Contains("__", StringComparison.Ordinal)))
                    return _names.GetTypeFromDefinition(Md, current, 0);
                current = declaring;
            }
        }

        private void CheckAttributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var ah in attributes)
            {
                var ctor = Md.GetCustomAttribute(ah).Constructor;
                if (ctor.Kind == HandleKind.MemberReference
                    && CompilerOptionalAttributes.Contains(_names.TypeOf(Md.GetMemberReference((MemberReferenceHandle)ctor).Parent))) continue;
                CheckToken(ctor);
            }
        }

        /// <summary>Marker attributes the C# compiler emits only when the target library defines them; compiled
        /// for the device (whose mscorlib lacks them) they are simply left out, so they are not violations.</summary>
        private static readonly HashSet<string> CompilerOptionalAttributes = new(StringComparer.Ordinal)
        {
            "System.Runtime.CompilerServices.CompilerGeneratedAttribute",
        };

        private void CheckBody(MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                var sig = Md.GetStandaloneSignature(body.LocalSignature);
                Decoded(() => sig.DecodeLocalSignature(_names, 0));
            }
            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE) value = unchecked((short)(0xFE00 | il.ReadByte()));
                var op = OpCodesByValue[value];
                switch (op.OperandType)
                {
                    case OperandType.InlineNone: break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar: il.ReadByte(); break;
                    case OperandType.InlineVar: il.ReadInt16(); break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR: il.ReadInt64(); break;
                    case OperandType.InlineSwitch:
                        int n = il.ReadInt32();
                        for (int i = 0; i < n; i++) il.ReadInt32();
                        break;
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                        CheckToken(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case OperandType.InlineSig:
                        var ss = Md.GetStandaloneSignature((StandaloneSignatureHandle)MetadataTokens.EntityHandle(il.ReadInt32()));
                        Decoded(() => ss.DecodeMethodSignature(_names, 0));
                        break;
                    default: il.ReadInt32(); break; // InlineBrTarget, InlineI, InlineString, ShortInlineR (4 bytes)
                }
            }
        }

        private void CheckToken(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeReference:
                case HandleKind.TypeSpecification:
                case HandleKind.TypeDefinition:
                    CheckTypeHandle(handle);
                    break;
                case HandleKind.MemberReference:
                    CheckMemberReference((MemberReferenceHandle)handle);
                    break;
                case HandleKind.MethodSpecification:
                    var spec = Md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Report(ViolationKind.UsesGeneric, DescribeMethod(spec.Method) + "<…>");
                    CheckToken(spec.Method);
                    break;
            }
        }

        private string DescribeMethod(EntityHandle h) => h.Kind switch
        {
            HandleKind.MemberReference => _names.TypeOf(Md.GetMemberReference((MemberReferenceHandle)h).Parent) + "::" + Md.GetString(Md.GetMemberReference((MemberReferenceHandle)h).Name),
            HandleKind.MethodDefinition => Md.GetString(Md.GetMethodDefinition((MethodDefinitionHandle)h).Name),
            _ => h.Kind.ToString(),
        };

        private void CheckMemberReference(MemberReferenceHandle handle)
        {
            var member = Md.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeSpecification)
            {
                CheckTypeHandle(member.Parent); // reports the generic instantiation
                return;
            }
            if (member.Parent.Kind != HandleKind.TypeReference) return; // own members are checked where defined
            var typeName = Decoded(() => _names.TypeOf(member.Parent));
            if (!CheckExternalTypeName(typeName)) return; // type itself already refused
            var name = Md.GetString(member.Name);
            string key;
            if (member.GetKind() == MemberReferenceKind.Method)
            {
                var sig = Decoded(() => member.DecodeMethodSignature(_names, 0));
                key = name + "(" + string.Join(",", sig.ParameterTypes) + ")";
            }
            else
            {
                Decoded(() => member.DecodeFieldSignature(_names, 0));
                key = name;
            }
            if (!_allow.ContainsMember(typeName, key))
            {
                Report(ViolationKind.NotInNanoFrameworkApi, typeName + "::" + key);
            }
            else if (CollectLines)
            {
                var line = _allow.FindMemberLine(typeName, key);
                if (line != null) NeededLines.Add(line);
            }
        }

        private void CheckTypeHandle(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeReference:
                case HandleKind.TypeSpecification:
                    Decoded(() => _names.TypeOf(handle));
                    break;
            }
        }

        /// <summary>Decodes a signature or type and checks every external type and generic instantiation it mentions.</summary>
        private T Decoded<T>(Func<T> decode)
        {
            _names.Reset();
            var result = decode();
            var seen = _names.SeenExternal.ToArray();
            var generic = _names.SeenGeneric.ToArray();
            foreach (var t in seen) CheckExternalTypeName(t);
            foreach (var g in generic) Report(ViolationKind.UsesGeneric, g);
            return result;
        }

        /// <summary>Checks a referenced type by name; true when it is allowed.</summary>
        private bool CheckExternalTypeName(string typeName)
        {
            var kind = Classify(typeName);
            if (kind != null) { Report(kind.Value, typeName); return false; }
            if (!_allow.ContainsType(typeName)) { Report(ViolationKind.NotInNanoFrameworkApi, typeName); return false; }
            if (CollectLines)
            {
                var line = _allow.SourceLineOf(typeName);
                if (line != null) NeededLines.Add(line);
            }
            return true;
        }

        private static ViolationKind? Classify(string typeName)
        {
            if (typeName.StartsWith("System.Linq.", StringComparison.Ordinal)) return ViolationKind.Linq;
            if (typeName.StartsWith("System.Device.", StringComparison.Ordinal) || typeName.StartsWith("nanoFramework.", StringComparison.Ordinal)) return ViolationKind.HardwareNamespace;
            if (typeName.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal)
                || typeName is "System.Runtime.CompilerServices.IAsyncStateMachine" or "System.Runtime.CompilerServices.AsyncStateMachineAttribute"
                || typeName.StartsWith("System.Runtime.CompilerServices.AsyncTaskMethodBuilder", StringComparison.Ordinal)
                || typeName.StartsWith("System.Runtime.CompilerServices.AsyncVoidMethodBuilder", StringComparison.Ordinal)) return ViolationKind.Async;
            if (typeName.StartsWith("System.Span`", StringComparison.Ordinal) || typeName.StartsWith("System.ReadOnlySpan`", StringComparison.Ordinal)
                || typeName.StartsWith("System.Memory`", StringComparison.Ordinal) || typeName.StartsWith("System.ReadOnlyMemory`", StringComparison.Ordinal)) return ViolationKind.Span;
            if (typeName.StartsWith("System.ValueTuple", StringComparison.Ordinal) || typeName.StartsWith("System.Tuple", StringComparison.Ordinal)) return ViolationKind.Tuple;
            if (typeName.StartsWith("Microsoft.CSharp.RuntimeBinder.", StringComparison.Ordinal) || typeName == "System.Runtime.CompilerServices.DynamicAttribute") return ViolationKind.Dynamic;
            if (typeName.EndsWith("InterpolatedStringHandler", StringComparison.Ordinal)) return ViolationKind.InterpolatedStringHandler;
            return null;
        }
    }
}
