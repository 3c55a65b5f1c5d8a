namespace Handheld.Simulator.Tests;

/// <summary>Locates the repository (the folder holding Handheld.sln) and the scenario folders the tests read.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>`handheld-sim run` scenarios (physics schema plus licence and faults).</summary>
    public static string RunScenarios => Path.Combine(Root, "host-simulator", "scenarios");

    /// <summary>The physics scenario corpus the batch figures come from.</summary>
    public static string ScenarioCorpus => Path.Combine(Root, "tests", "TestData", "scenarios");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Handheld.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Handheld.sln not found above " + AppContext.BaseDirectory);
    }
}
