using System.CommandLine;
using System.CommandLine.Parsing;

namespace Baton.Cli.Parsing;

/// <summary>How messages name a command (<c>baton task add</c>) and what it takes, from the parse result.</summary>
internal static class CommandPath
{
    /// <summary>The command as the user types it: <c>baton task add</c>.</summary>
    public static string Of(CommandResult result)
    {
        var names = new Stack<string>();
        for (SymbolResult? current = result; current is CommandResult command; current = command.Parent)
        {
            names.Push(command.Parent is null ? "baton" : command.Command.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>The options a user may give at <paramref name="result"/>: its own, and the recursive ones of its parents (--help).</summary>
    public static IEnumerable<Option> OptionsAt(CommandResult result)
    {
        for (SymbolResult? current = result; current is CommandResult command; current = command.Parent)
        {
            foreach (var option in command.Command.Options.Where(o => !o.Hidden && (command == result || o.Recursive)))
            {
                yield return option;
            }
        }
    }

    /// <summary>Every spelling of the options at <paramref name="result"/> that starts with '-'.</summary>
    public static IReadOnlyList<string> OptionNamesAt(CommandResult result) =>
        [.. OptionsAt(result).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-')).Distinct(StringComparer.Ordinal)];

    /// <summary>The visible subcommands' names.</summary>
    public static IReadOnlyList<string> SubcommandNames(Command command) =>
        [.. command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)];

    /// <summary>The positional arguments as --help shows them: <c>ID</c>, <c>FILE</c>, <c>[COMMAND...]</c>.</summary>
    public static string Arguments(Command command) =>
        string.Join(' ', command.Arguments.Where(a => !a.Hidden).Select(a =>
        {
            var name = (a.HelpName ?? a.Name).ToUpperInvariant();
            var many = a.Arity.MaximumNumberOfValues > 1 ? "..." : string.Empty;
            return a.Arity.MinimumNumberOfValues == 0 ? $"[{name}{many}]" : name + many;
        }));
}
