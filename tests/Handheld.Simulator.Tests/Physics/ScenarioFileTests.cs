using Handheld.Core.Fluorescence;
using Handheld.Simulator.Physics;
using Handheld.Simulator.Scenarios;

namespace Handheld.Simulator.Tests.Physics;

public class ScenarioFileTests
{
    internal static string CorpusDir => RepoPaths.ScenarioCorpus;

    private const string Minimal = """
        { "name": "x", "class": "genuine", "profile": { "fibreColours": ["blue","green"], "uvDullPaper": true },
          "sheet": { "paper": { "brightener": 0 } }, "sweep": { "durationMs": 3000 }, "expectedVerdict": "Consistent" }
        """;

    [Fact]
    public void Parse_MinimalScenario_DefaultsToStandardLightings()
    {
        var s = ScenarioFile.Parse(Minimal);
        Assert.Equal(AmbientLight.Standard, s.Lightings());
        Assert.Equal(FibreColours.Blue | FibreColours.Green, s.Profile.ColourFlags());
        Assert.Equal(PhysicalVerdict.Consistent, s.Expected(Lighting.Window));
    }

    [Theory]
    [InlineData("\"class\": \"genuine\"", "\"class\": \"real\"", "class must be \"genuine\" or \"forgery\"")]
    [InlineData("\"brightener\": 0", "\"brightener\": 5", "sheet.paper.brightener must be between 0 and 2")]
    [InlineData("\"brightener\": 0", "\"brightner\": 0", "brightner")]
    [InlineData("\"expectedVerdict\": \"Consistent\"", "\"expectedVerdict\": \"Genuine\"", "expectedVerdict must be Consistent, Inconsistent or Inconclusive")]
    [InlineData("[\"blue\",\"green\"]", "[\"blue\",\"purple\"]", "profile.fibreColours may hold only")]
    [InlineData("\"durationMs\": 3000", "\"durationMs\": 3000,, ", "invalid scenario")]
    public void Parse_BadField_MessageNamesTheProblem(string from, string to, string expectedMessagePart)
    {
        string json = Minimal.Replace(from, to);
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioFile.Parse(json, "bad.json"));
        Assert.Contains(expectedMessagePart, e.Message);
        Assert.StartsWith("bad.json: ", e.Message);
    }

    [Fact]
    public void Parse_UnknownLighting_MessageListsTheValidNames()
    {
        string json = Minimal.Replace("\"expectedVerdict\"", "\"lighting\": [\"moonlight\"], \"expectedVerdict\"");
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioFile.Parse(json, "l.json"));
        Assert.Contains("lighting[0]", e.Message);
        Assert.Contains("officeLed", e.Message);
    }

    [Fact]
    public void Parse_ReservedLicenceAndFaults_Accepted()
    {
        string json = Minimal.Replace("\"expectedVerdict\"", "\"licence\": { \"qr\": \"abc\" }, \"faults\": [ { \"kind\": \"nack\" } ], \"expectedVerdict\"");
        var s = ScenarioFile.Parse(json);
        Assert.NotNull(s.Licence);
        Assert.Single(s.Faults!);
    }

    [Fact]
    public void LoadDirectory_Corpus_HasGenuineAndForgeryScenarios()
    {
        var all = ScenarioFile.LoadDirectory(CorpusDir);
        Assert.Contains(all, s => s.IsGenuine);
        Assert.Contains(all, s => !s.IsGenuine);
        Assert.All(all, s => Assert.False(string.IsNullOrEmpty(s.Description)));
    }

    [Fact]
    public void Load_MissingFile_ClearError()
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioFile.LoadDirectory(Path.Combine(CorpusDir, "nope")));
        Assert.Contains("no such scenario file or directory", e.Message);
    }
}
