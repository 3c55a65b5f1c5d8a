using Handheld.Linux;

namespace Handheld.Simulator.Tests.Linux;

/// <summary>Issue 15 item 8: the simulated flash file (config region with the record key, records) is owner-only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // POSIX file modes: the suite runs on Linux
public class FileModeTests
{
    [Fact]
    public void FlashFile_CreatedAndReopened_Is0600()
    {
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        string p = Path.Combine(Path.GetTempPath(), "hh-flash-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (new FileBlockStorage(p, 4096)) { }
            Assert.Equal(owner, File.GetUnixFileMode(p));
            File.SetUnixFileMode(p, owner | UnixFileMode.OtherRead);
            using (new FileBlockStorage(p, 4096)) { }
            Assert.Equal(owner, File.GetUnixFileMode(p));
        }
        finally
        {
            File.Delete(p);
        }
    }
}
