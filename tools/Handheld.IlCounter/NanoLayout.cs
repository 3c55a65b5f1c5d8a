using System.Reflection;
using System.Text;

namespace Handheld.IlCounter;

/// <summary>
/// Sizes of managed objects as nanoCLR (the nanoFramework 1.x interpreter, 32-bit targets) lays them out.
/// The unit of its heap is the 12-byte heap block (CLR_RT_HeapBlock: a 4-byte data-type/flags/size word and
/// 8 bytes of payload); every allocation is a whole number of blocks.
/// <list type="bullet">
/// <item>Class instance and boxed value: one header block plus one block per instance field, whatever the
/// field's type (a field is a heap block holding the value or a reference): 12 + 12·fields.</item>
/// <item>Array (CLR_RT_HeapBlock_Array): a 20-byte header (block, element count, element type, element size,
/// reference flag) then the elements packed at their natural size — 1 (bool, byte, sbyte), 2 (char, short,
/// ushort), 4 (int, uint, float), 8 (long, ulong, double) — and 12 for references and value types (each
/// element is a heap block); the total rounded up to whole blocks.</item>
/// <item>String (CLR_RT_HeapBlock_String): a 12-byte header then the UTF-8 text and its NUL, rounded up to whole
/// blocks (nanoCLR stores strings as UTF-8, facts §9).</item>
/// <item>Delegate: a header block plus the method and target blocks (36 bytes).</item>
/// </list>
/// </summary>
public static class NanoLayout
{
    public const int Block = 12;
    public const int ArrayHeader = 20;

    private static readonly Dictionary<Type, int> FieldCounts = new();

    public static int SizeOf(object o)
    {
        switch (o)
        {
            case string s:
                return RoundUp(Block + Encoding.UTF8.GetByteCount(s) + 1);
            case Array a:
                return ArraySize(a.GetType().GetElementType()!, a.Length);
            case Delegate:
                return 3 * Block;
            default:
                return Block + Block * InstanceFields(o.GetType());
        }
    }

    public static int ArraySize(Type element, int length) => RoundUp(ArrayHeader + ElementSize(element) * length);

    public static int ElementSize(Type t)
    {
        if (t.IsEnum) t = Enum.GetUnderlyingType(t);
        if (t == typeof(bool) || t == typeof(byte) || t == typeof(sbyte)) return 1;
        if (t == typeof(char) || t == typeof(short) || t == typeof(ushort)) return 2;
        if (t == typeof(int) || t == typeof(uint) || t == typeof(float)) return 4;
        if (t == typeof(long) || t == typeof(ulong) || t == typeof(double)) return 8;
        return Block;
    }

    public static int InstanceFields(Type t)
    {
        lock (FieldCounts)
        {
            if (FieldCounts.TryGetValue(t, out int n)) return n;
            n = 0;
            for (Type? c = t; c != null && c != typeof(object) && c != typeof(ValueType); c = c.BaseType)
            {
                n += c.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).Length;
            }
            FieldCounts[t] = n;
            return n;
        }
    }

    private static int RoundUp(int bytes) => (bytes + Block - 1) / Block * Block;
}
