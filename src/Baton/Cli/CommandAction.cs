using System.CommandLine;

namespace Baton.Cli;

/// <summary>Wraps a command's body so that every failure is reported the same way with the right exit code.</summary>
internal static class CommandAction
{
    public static void Set(Command command, Option<bool>? json, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken);
            }
            catch (Exception ex)
            {
                return CliOutput.Fail(ex, json is not null && parseResult.GetValue(json));
            }
        });

    /// <summary>The common --json flag.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Print machine-readable JSON instead of text" };

    /// <summary>The common task id argument.</summary>
    public static Argument<string> TaskIdArgument() => new("id") { Description = "Task id (or a unique prefix of at least 4 characters)" };
}
