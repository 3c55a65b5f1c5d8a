using System.Reflection;

namespace Handheld.IlCounter;

/// <summary>
/// <c>dotnet run --project tools/Handheld.IlCounter -- [--markdown] [--only NAME]</c>: instruments Core's rings,
/// runs each operation once in the counting context and prints IL instructions executed and bytes allocated
/// (nanoCLR layout). Exit 0, or 2 for a bad option, 3 when an operation fails (a wrong verification result).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        bool markdown = false;
        string? only = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--markdown") markdown = true;
            else if (args[i] == "--only" && i + 1 < args.Length) only = args[++i];
            else
            {
                Console.Error.WriteLine("error: " + args[i] + ": unknown option (use --markdown, --only NAME)");
                return 2;
            }
        }
        try
        {
            var rows = Counter.MeasureAll(only);
            Console.Write(Report.Table(rows, markdown));
            return 0;
        }
        catch (TargetInvocationException e) when (e.InnerException is WorkloadFailedException)
        {
            Console.Error.WriteLine("error: " + e.InnerException.Message);
            return 3;
        }
        catch (WorkloadFailedException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 3;
        }
    }
}
