using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Handheld.PortabilityGuard;

/// <summary>
/// Decodes signatures into type names in the allow-list's notation ("System.Byte[]", "System.Int32&amp;",
/// nested types as "Outer+Inner") and remembers every external type and generic instantiation it met.
/// </summary>
internal sealed class TypeNameProvider : ISignatureTypeProvider<string, int>
{
    private readonly MetadataReader _md;

    public TypeNameProvider(MetadataReader md) => _md = md;

    /// <summary>External types met since the last <see cref="Reset"/>.</summary>
    public readonly List<string> SeenExternal = new();
    /// <summary>Generic instantiations met since the last <see cref="Reset"/>.</summary>
    public readonly List<string> SeenGeneric = new();

    public void Reset() { SeenExternal.Clear(); SeenGeneric.Clear(); }

    public string TypeOf(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeReference => GetTypeFromReference(_md, (TypeReferenceHandle)handle, 0),
        HandleKind.TypeDefinition => GetTypeFromDefinition(_md, (TypeDefinitionHandle)handle, 0),
        HandleKind.TypeSpecification => _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, 0),
        _ => handle.Kind.ToString(),
    };

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Boolean => "System.Boolean",
        PrimitiveTypeCode.Byte => "System.Byte",
        PrimitiveTypeCode.SByte => "System.SByte",
        PrimitiveTypeCode.Char => "System.Char",
        PrimitiveTypeCode.Int16 => "System.Int16",
        PrimitiveTypeCode.UInt16 => "System.UInt16",
        PrimitiveTypeCode.Int32 => "System.Int32",
        PrimitiveTypeCode.UInt32 => "System.UInt32",
        PrimitiveTypeCode.Int64 => "System.Int64",
        PrimitiveTypeCode.UInt64 => "System.UInt64",
        PrimitiveTypeCode.Single => "System.Single",
        PrimitiveTypeCode.Double => "System.Double",
        PrimitiveTypeCode.IntPtr => "System.IntPtr",
        PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
        PrimitiveTypeCode.Object => "System.Object",
        PrimitiveTypeCode.String => "System.String",
        PrimitiveTypeCode.TypedReference => "System.TypedReference",
        PrimitiveTypeCode.Void => "System.Void",
        _ => typeCode.ToString(),
    };

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        var def = reader.GetTypeDefinition(handle);
        var name = reader.GetString(def.Name);
        var declaring = def.GetDeclaringType();
        if (!declaring.IsNil) return GetTypeFromDefinition(reader, declaring, 0) + "+" + name;
        var ns = reader.GetString(def.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var r = reader.GetTypeReference(handle);
        var name = reader.GetString(r.Name);
        string full;
        if (r.ResolutionScope.Kind == HandleKind.TypeReference)
            full = GetTypeFromReference(reader, (TypeReferenceHandle)r.ResolutionScope, 0) + "+" + name;
        else
        {
            var ns = reader.GetString(r.Namespace);
            full = ns.Length == 0 ? name : ns + "." + name;
        }
        if (!IsSiblingRing(reader, handle)) SeenExternal.Add(full);
        return full;
    }

    /// <summary>True when the type lives in another of Core's ring assemblies (Handheld.Core.*): it is checked
    /// where it is defined, so referring to it is not a device-API reference.</summary>
    public static bool IsSiblingRing(MetadataReader reader, TypeReferenceHandle handle)
    {
        var scope = reader.GetTypeReference(handle).ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference) scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        if (scope.Kind != HandleKind.AssemblyReference) return false;
        var name = reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
        return name.StartsWith(CoreRingPrefix, StringComparison.Ordinal);
    }

    /// <summary>Assembly-name prefix of Core's rings.</summary>
    public const string CoreRingPrefix = "Handheld.Core.";

    public string GetTypeFromSpecification(MetadataReader reader, int genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetSZArrayType(string elementType) => elementType + "[]";
    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
    public string GetByReferenceType(string elementType) => elementType + "&";
    public string GetPointerType(string elementType) => elementType + "*";
    public string GetPinnedType(string elementType) => elementType;
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    public string GetFunctionPointerType(MethodSignature<string> signature) => "method*";
    public string GetGenericMethodParameter(int genericContext, int index) => "!!" + index;
    public string GetGenericTypeParameter(int genericContext, int index) => "!" + index;

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        var text = genericType + "<" + string.Join(",", typeArguments) + ">";
        SeenGeneric.Add(text);
        return text;
    }
}
