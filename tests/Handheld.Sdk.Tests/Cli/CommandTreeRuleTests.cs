using System.CommandLine;
using Handheld.Cli.Conventions;

namespace Handheld.Sdk.Tests.Cli;

/// <summary>Issue 16, "inputs as options or positionals the same way everywhere": the <c>handheld</c> tree follows
/// the rule of sdk/Handheld.Cli.Conventions/README.md, and the older option forms still parse.</summary>
[Collection("Console")]
public sealed class CommandTreeRuleTests
{
    // The report's input is its database (--db); --qr-file adds the licences' QR files to it as attachments.
    static readonly string[] Exempt = ["handheld report --qr-file"];

    [Fact]
    public void Handheld_tree_follows_the_rule()
    {
        Assert.Empty(CommandTreeRule.Violations(Handheld.Cli.Program.BuildRoot(), "handheld", Exempt));
    }

    [Fact]
    public void The_rule_finds_a_command_taking_its_input_as_an_option_or_an_output_positionally()
    {
        var bad = new RootCommand("x") { new Command("issue") { new Option<string>("--data") }, new Command("pack") { new Argument<string>("out") } };
        var v = CommandTreeRule.Violations(bad, "x");
        Assert.Equal(2, v.Count);
        Assert.Contains(v, l => l.StartsWith("x issue: --data", StringComparison.Ordinal));
        Assert.Contains(v, l => l.StartsWith("x pack: argument out", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("license issue lic.json --key k.pem --out o.txt")]
    [InlineData("license issue --data lic.json --key k.pem --out o.txt")]
    [InlineData("license tbs lic.json --pub p.pem --alg p256 --out t.bin")]
    [InlineData("license assemble t.bin --signature s.der --out o.txt")]
    [InlineData("license assemble --tbs t.bin --signature s.der --out o.txt")]
    [InlineData("license verify qr.txt --trust trust.bin")]
    [InlineData("license verify --qr-file qr.txt --trust trust.bin")]
    [InlineData("license inspect qr.txt")]
    [InlineData("license register-fibres scan.png")]
    [InlineData("license register-fibres --scan scan.png")]
    [InlineData("license register-fibres b.png t.png l.png r.png")]
    [InlineData("license register-fibres --scan b.png --scan t.png --scan l.png --scan r.png")]
    [InlineData("records verify log.bin --device-key k")]
    [InlineData("records verify --log log.bin --device-key k")]
    public void Positional_and_older_option_forms_both_parse(string command)
    {
        var r = Handheld.Cli.Program.BuildRoot().Parse(command.Split(' '));
        Assert.Empty(r.Errors);
    }

    [Fact]
    public void Both_forms_at_once_is_an_error()
    {
        var r = Handheld.Cli.Program.BuildRoot().Parse("license inspect a.txt --qr-file b.txt".Split(' '));
        Assert.Contains(r.Errors, e => e.Message.Contains("qr-file: given twice", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("license inspect", "error: qr-file: required")]
    [InlineData("license issue --key k.pem --out o.txt", "error: licence: required")]
    public void Missing_input_names_the_argument_exit_two(string command, string expected)
    {
        var (code, _, err) = BadInputTests.Run(command);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
    }
}
