using System.Diagnostics;

namespace Handheld.Sdk.Tests.Reports;

/// <summary>Runs Poppler's command-line tools (Debian poppler-utils, installed by .ci/run): the independent
/// checks of a sealed report. A missing tool fails the test; it is never skipped.</summary>
internal static class PopplerTools
{
    public static (int Exit, string Out) Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} not found ({e.Message}): install poppler-utils (.ci/run does)");
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(60_000)) { p.Kill(); throw new TimeoutException(tool + " did not finish"); }
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
