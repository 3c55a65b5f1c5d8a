using Handheld.Cli.Conventions;
using Xunit;

namespace Handheld.Simulator.Tests.Cli;

/// <summary>The <c>handheld-sim</c> tree follows the options-vs-positionals rule (sdk/Handheld.Cli.Conventions/README.md):
/// scenario files and folders are positional, everything else an option.</summary>
public class SimCommandTreeRuleTests
{
    [Fact]
    public void HandheldSim_tree_follows_the_rule() =>
        Assert.Empty(CommandTreeRule.Violations(Handheld.Simulator.Cli.Program.BuildRoot(), "handheld-sim"));
}
