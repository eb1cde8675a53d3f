using Baton.Cli;
using Baton.Cli.Parsing;

namespace Baton.Tests.Cli;

/// <summary>The command line's problems in plain words, checked against the real command tree.</summary>
public sealed class ParseProblemsTests
{
    [Theory]
    [InlineData("task add --priorty high --no-start -- echo hi", "unknown option '--priorty'; did you mean '--priority'?")]
    [InlineData("task add echo --verbose", "unknown option '--verbose' for 'baton task add' (what is meant for the program goes after '--')")]
    [InlineData("task status --jsn abcd", "unknown option '--jsn'; did you mean '--json'?")]
    [InlineData("task list --lmit 3", "unknown option '--lmit'; did you mean '--limit'?")]
    [InlineData("task add --timeout abc -- echo hi", "--timeout takes whole seconds, e.g. 600, not 'abc'")]
    [InlineData("task add --max-retries x -- echo", "--max-retries takes a whole number, e.g. 3, not 'x'")]
    [InlineData("task wait abcd --timeout soon", "--timeout takes a number of seconds, e.g. 600, not 'soon'")]
    [InlineData("task add --timeout", "--timeout needs a value: whole seconds, e.g. 600")]
    [InlineData("task add --priority hihg -- x", "--priority takes critical, high, normal or low, not 'hihg'; did you mean 'high'?")]
    [InlineData("tsak list", "'tsak' is not a baton command; did you mean 'baton task'?")]
    [InlineData("task lst", "'lst' is not a command of 'baton task'; did you mean 'baton task list'?")]
    [InlineData("workflow", "'baton workflow' needs a command: run, create, add-phase, add-task, start, status, list, wait, cancel, approve, reject, pause, resume")]
    [InlineData("task status", "'baton task status' needs ID: task id (or a unique prefix of at least 4 characters)")]
    [InlineData("task status abcd efgh", "unexpected argument 'efgh': 'baton task status' takes ID")]
    [InlineData("task list foo", "unexpected argument 'foo': 'baton task list' takes no arguments, only options")]
    public void Explain_BadCommandLine_SaysWhatIsWrongInWords(string line, string expected)
    {
        var problems = ParseProblems.Explain(BatonCli.Build().Parse(line.Split(' ')));

        Assert.Equal([expected], problems);
    }

    [Theory]
    [InlineData("task add --name x -- echo --priorty")]
    [InlineData("task add --name -x -- echo")]
    [InlineData("task list --limit 5")]
    [InlineData("milestone -- -5%")]
    public void Explain_GoodCommandLine_FindsNothing(string line) =>
        Assert.Empty(ParseProblems.Explain(BatonCli.Build().Parse(line.Split(' '))));

    [Fact]
    public void Explain_EveryTypedOptionOfEveryCommand_NamesNoDotNetType()
    {
        // A value that fits no number: each typed option must say what it takes in words.
        foreach (var (path, option) in Options(BatonCli.Build(), ["baton"]))
        {
            if (option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool) || option.ValueType == typeof(string) || option.ValueType == typeof(string[]))
            {
                continue;
            }

            var problems = ParseProblems.Explain(BatonCli.Build().Parse([.. path.Skip(1), option.Name, "zz"]));

            Assert.All(problems, p => Assert.DoesNotContain("System.", p, StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith($"{option.Name} takes ", StringComparison.Ordinal) && p.EndsWith(", not 'zz'", StringComparison.Ordinal));
        }
    }

    private static IEnumerable<(string[] Path, System.CommandLine.Option Option)> Options(System.CommandLine.Command command, string[] path)
    {
        foreach (var option in command.Options)
        {
            yield return (path, option);
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var found in Options(sub, [.. path, sub.Name]))
            {
                yield return found;
            }
        }
    }
}
