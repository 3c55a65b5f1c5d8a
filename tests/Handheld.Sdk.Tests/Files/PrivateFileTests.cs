using Handheld.Sdk.Files;

namespace Handheld.Sdk.Tests.Files;

/// <summary>Issue 15 item 8: device record keys are written owner-only (0600), never 0644.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // POSIX file modes: the suite runs on Linux
public class PrivateFileTests
{
    private static string Temp() => Path.Combine(Path.GetTempPath(), "hh-key-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void NewFile_Is0600_AppendKeepsIt_AnExisting0644FileIsNarrowed()
    {
        string p = Temp();
        try
        {
            PrivateFile.AppendAllText(p, "AA BB\n");
            Assert.Equal(PrivateFile.Mode, File.GetUnixFileMode(p));
            PrivateFile.AppendAllText(p, "CC DD\n");
            Assert.Equal("AA BB\nCC DD\n", File.ReadAllText(p));
            Assert.Equal(PrivateFile.Mode, File.GetUnixFileMode(p));

            File.SetUnixFileMode(p, PrivateFile.Mode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            PrivateFile.WriteAllText(p, "EE\n");
            Assert.Equal("EE\n", File.ReadAllText(p));
            Assert.Equal(PrivateFile.Mode, File.GetUnixFileMode(p));
        }
        finally
        {
            File.Delete(p);
        }
    }
}
