using Baton.Core.Errors;
using static Baton.Core.Tests.Workflows.Files.WorkflowFiles;

namespace Baton.Core.Tests.Workflows.Files;

/// <summary>--var values the file has no use for: a misspelt name must not run the workflow without it.</summary>
public sealed class WorkflowFileVariablesTests
{
    private const string Minimal = """
        name: Minimal
        phases:
          - id: only
            tasks:
              - name: hello
                command: echo hello
        """;

    [Fact]
    public void Parse_VarTheFileNeverUses_IsRefusedWithTheFilesVariables()
    {
        const string Yaml = """
            name: Greet
            vars: { greeting: hello }
            phases:
              - id: p
                tasks: [{ command: "echo {{vars.greeting}} {{vars.name}}" }]
            """;

        var error = Assert.Throws<BatonException>(() => Parse(Yaml, ("greting", "hi"), ("name", "ann")));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Equal(
            "test.yaml: --var greting: the file never uses {{vars.greting}}; did you mean 'greeting'? its variables are greeting, name",
            error.Message);
    }

    [Fact]
    public void Parse_VarDeclaredButUnused_IsAccepted()
    {
        var document = Parse("name: A\nvars: { spare: x }\n" + Minimal["name: Minimal\n".Length..], ("spare", "y"));

        Assert.Equal("A", document.Settings.Name);
    }

    [Fact]
    public void Parse_VarForAFileWithoutVariables_SaysItHasNone()
    {
        var error = Assert.Throws<BatonException>(() => Parse(Minimal, ("greeting", "hi")));

        Assert.Contains("--var greeting: the file has no variables", error.Message, StringComparison.Ordinal);
    }
}
