using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Handheld.PortabilityGuard;

/// <summary>One forbidden construct found in source text.</summary>
public sealed record SyntaxFinding(string File, int Line, string Construct, string Text)
{
    public override string ToString() => $"{File}:{Line}: {Construct}: {Text}";
}

/// <summary>
/// Checks device sources (which cannot be compiled on this machine) for constructs nanoFramework 1.x cannot
/// run: generic type syntax, async/await, System.Linq, tuples, records, nullable value types, yield.
/// Syntax only, so it runs on firmware adapters whose nanoFramework references do not resolve here.
/// </summary>
public static class SyntaxGuard
{
    public static IReadOnlyList<SyntaxFinding> CheckDirectory(string root, string displayRoot)
    {
        var findings = new List<SyntaxFinding>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !IsBuildOutput(f)).OrderBy(f => f, StringComparer.Ordinal))
        {
            var display = Path.GetRelativePath(displayRoot, file).Replace('\\', '/');
            findings.AddRange(CheckSource(File.ReadAllText(file), display));
        }
        return findings;
    }

    private static bool IsBuildOutput(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        return parts.Contains("obj") || parts.Contains("bin") || parts.Contains("packages");
    }

    public static IReadOnlyList<SyntaxFinding> CheckSource(string source, string fileName)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest,
            preprocessorSymbols: new[] { "NANOFRAMEWORK_1_0" }), fileName);
        var findings = new List<SyntaxFinding>();
        void Add(SyntaxNode node, string construct)
        {
            var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            var text = node.ToString();
            if (text.Length > 80) text = text[..80] + "…";
            findings.Add(new SyntaxFinding(fileName, line, construct, text.ReplaceLineEndings(" ")));
        }

        foreach (var node in tree.GetRoot().DescendantNodesAndSelf())
        {
            switch (node)
            {
                case GenericNameSyntax: Add(node, "generic type or method"); break;
                case TypeParameterListSyntax: Add(node, "generic definition"); break;
                case AwaitExpressionSyntax: Add(node, "await"); break;
                case TupleTypeSyntax: Add(node, "tuple type"); break;
                case TupleExpressionSyntax: Add(node, "tuple"); break;
                case RecordDeclarationSyntax: Add(node, "record"); break;
                case NullableTypeSyntax n when n.ElementType is PredefinedTypeSyntax: Add(node, "nullable value type"); break;
                case YieldStatementSyntax: Add(node, "yield (iterator)"); break;
                case UsingDirectiveSyntax u when u.Name?.ToString().StartsWith("System.Linq", StringComparison.Ordinal) == true:
                    Add(node, "System.Linq"); break;
                case MemberDeclarationSyntax m when m.Modifiers.Any(SyntaxKind.AsyncKeyword): Add(node.ChildTokens().First().Parent!, "async method"); break;
                case AnonymousFunctionExpressionSyntax f when f.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword): Add(node, "async lambda"); break;
            }
        }
        return findings;
    }
}
