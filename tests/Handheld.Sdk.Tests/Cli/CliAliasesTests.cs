using System.CommandLine;

namespace Handheld.Sdk.Tests.Cli;

/// <summary>One name for one thing across commands (issue 16): --private-key, --public-key, --root-public-key and
/// "licence" parse wherever the historical name does.</summary>
public class CliAliasesTests
{
    [Theory]
    [InlineData("licence issue --data d.json --private-key k.pem --out o.txt", "--key", "k.pem")]
    [InlineData("license tbs --data d.json --public-key p.pem --alg p256 --out t.bin", "--pub", "p.pem")]
    [InlineData("license verify --qr-file q.txt --trust t.pem --root-public-key r.pem", "--root", "r.pem")]
    [InlineData("revocations sign l.bin --private-key k.pem --out s.bin", "--key", "k.pem")]
    public void Parse_UniformName_BindsTheCommandsOwnOption(string line, string option, string expected)
    {
        var parse = Handheld.Cli.Program.BuildRoot().Parse(line);
        Assert.DoesNotContain(parse.Errors, e => e.Message.Contains("Unrecognized", StringComparison.OrdinalIgnoreCase));
        var opt = parse.CommandResult.Command.Options.Single(o => o.Name == option);
        Assert.Equal(expected, parse.GetResult(opt)?.Tokens.Single().Value);
    }

    [Fact]
    public void EveryPrivateKeyOption_AlsoAnswersToPrivateKey()
    {
        int seen = 0;
        void Walk(Command c)
        {
            foreach (var o in c.Options.Where(o => o.Name == "--key"))
            {
                seen++;
                Assert.Contains("--private-key", o.Aliases);
            }
            foreach (var s in c.Subcommands) Walk(s);
        }
        Walk(Handheld.Cli.Program.BuildRoot());
        Assert.True(seen >= 3, "private-key options found: " + seen);
    }

    [Fact]
    public void MistypedUniformName_IsAParseError()
    {
        var parse = Handheld.Cli.Program.BuildRoot().Parse("licence issue --data d.json --private-keys k.pem --out o.txt");
        Assert.NotEmpty(parse.Errors);
    }
}
