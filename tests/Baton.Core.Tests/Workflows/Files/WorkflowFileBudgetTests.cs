using Baton.Core.Errors;
using static Baton.Core.Tests.Workflows.Files.WorkflowFiles;

namespace Baton.Core.Tests.Workflows.Files;

/// <summary>A workflow file's top-level <c>budget_usd</c>: read as an exact amount, refused with its line when it is not one.</summary>
public sealed class WorkflowFileBudgetTests
{
    private const string File = """
        name: Budgeted
        budget_usd: BUDGET
        phases:
          - id: only
            tasks:
              - name: hello
                command: echo hello
        """;

    [Fact]
    public void Parse_BudgetGiven_KeepsItInTheSettings()
    {
        var document = Parse(File.Replace("BUDGET", "5.00", StringComparison.Ordinal));

        Assert.Equal(5.00m, document.Settings.BudgetUsd);
    }

    [Fact]
    public void Parse_NoBudget_LeavesItUnset()
    {
        var document = Parse(File.Replace("budget_usd: BUDGET\n", string.Empty, StringComparison.Ordinal));

        Assert.Null(document.Settings.BudgetUsd);
    }

    [Theory]
    [InlineData("-1", "test.yaml:2: budget_usd must be an amount in USD, found '-1'; write e.g. 'budget_usd: 5.00'")]
    [InlineData("lots", "test.yaml:2: budget_usd must be an amount in USD, found 'lots'; write e.g. 'budget_usd: 5.00'")]
    [InlineData("0", "test.yaml:2: budget_usd must be from 0.01 to 1000000 USD, found 0")]
    public void Parse_BadBudget_RefusesNamingTheFieldAndLine(string budget, string expected)
    {
        var error = Assert.Throws<BatonException>(() => Parse(File.Replace("BUDGET", budget, StringComparison.Ordinal)));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Equal(expected, error.Message);
    }
}
