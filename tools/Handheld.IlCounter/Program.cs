using System.Reflection;

namespace Handheld.IlCounter;

/// <summary>
/// <c>dotnet run --project tools/Handheld.IlCounter -- [--markdown] [--profile] [--only NAME]</c>: instruments Core's rings,
/// runs each operation once in the counting context and prints IL instructions executed and bytes allocated
/// (nanoCLR layout). Exit 0, or 2 for a bad option, 3 when an operation fails (a wrong verification result).
/// </summary>
public static class Program
{
    /// <summary>Prints a Core method's IL (the compiled host build), to see what an inner loop costs per step.</summary>
    private static int Dump(string typeAndMethod)
    {
        int sep = typeAndMethod.IndexOf("::", StringComparison.Ordinal);
        if (sep < 0)
        {
            Console.Error.WriteLine("error: --dump: expected TYPE::METHOD, e.g. Handheld.Core.Crypto.Montgomery::Sqr");
            return 2;
        }
        foreach (var ring in Counter.CoreRings)
        {
            using var asm = Mono.Cecil.AssemblyDefinition.ReadAssembly(Path.Combine(AppContext.BaseDirectory, ring + ".dll"));
            var type = asm.MainModule.GetType(typeAndMethod[..sep]);
            if (type == null) continue;
            foreach (var m in type.Methods.Where(m => m.Name == typeAndMethod[(sep + 2)..] && m.HasBody))
            {
                Console.WriteLine(m.FullName + ": " + m.Body.Instructions.Count + " instructions, " + m.Body.CodeSize + " bytes");
                foreach (var ins in m.Body.Instructions) Console.WriteLine("  " + ins);
            }
            return 0;
        }
        Console.Error.WriteLine("error: --dump: type " + typeAndMethod[..sep] + " not found in Core");
        return 2;
    }

    /// <summary>The workload failure behind reflection's (possibly nested) TargetInvocationExceptions, if any.</summary>
    private static Exception? Failure(Exception e)
    {
        while (e is TargetInvocationException && e.InnerException != null) e = e.InnerException;
        return e as WorkloadFailedException;
    }

    public static int Main(string[] args)
    {
        bool markdown = false, profile = false;
        string? only = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--markdown") markdown = true;
            else if (args[i] == "--profile") profile = true;
            else if (args[i] == "--dump" && i + 1 < args.Length) return Dump(args[++i]);
            else if (args[i] == "--only" && i + 1 < args.Length) only = args[++i];
            else
            {
                Console.Error.WriteLine("error: " + args[i] + ": unknown option (use --markdown, --profile, --only NAME, --dump TYPE::METHOD)");
                return 2;
            }
        }
        try
        {
            var rows = Counter.MeasureAll(only);
            Console.Write(Report.Table(rows, markdown));
            if (profile) Console.Write(Report.Profiles(rows, 12));
            return 0;
        }
        catch (Exception e) when (Failure(e) is WorkloadFailedException failed)
        {
            // A workload that no longer does the work it claims to count (a check inside it failed): one line, exit 3.
            Console.Error.WriteLine("error: " + failed.Message);
            return 3;
        }
    }
}
