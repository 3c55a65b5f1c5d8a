using Handheld.Core.Inspection;
using Handheld.Sdk.Reports;

namespace Handheld.Sdk.Tests.Reports;

public class ReportTextTests
{
    [Theory]
    [InlineData(ReportLanguage.Zh)]
    [InlineData(ReportLanguage.En)]
    public void Indexer_EveryKey_HasNonEmptyText(ReportLanguage language)
    {
        var t = ReportText.For(language);
        Assert.All(ReportText.Keys, k => Assert.False(string.IsNullOrWhiteSpace(t[k]), k));
    }

    [Theory]
    [InlineData(ReportLanguage.Zh)]
    [InlineData(ReportLanguage.En)]
    public void Reasons_EveryDefinedBit_HasPlainWords(ReportLanguage language)
    {
        var t = ReportText.For(language);
        for (int i = 0; i < VerdictReason.Count; i++) Assert.Single(t.Reasons(1 << i));
    }
}
