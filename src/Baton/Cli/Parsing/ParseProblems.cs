using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Baton.Core.Text;

namespace Baton.Cli.Parsing;

/// <summary>
/// The one place that turns what the parser found wrong into plain words: an unknown option or command with the
/// closest real one, a value of the wrong kind with what was expected ("--timeout takes whole seconds, e.g. 600"),
/// a missing value or argument. It also refuses what the parser accepts but the user cannot have meant: an unknown
/// option before <c>--</c> that a command's free arguments swallowed (<c>task add --priorty high -- echo</c> would
/// otherwise run a program called <c>--priorty</c>). Messages it does not recognise (a command's own checks) pass
/// through as they are.
/// </summary>
internal static class ParseProblems
{
    /// <summary>Every problem with the command line, one line each; empty if it may run.</summary>
    public static IReadOnlyList<string> Explain(ParseResult result)
    {
        var strays = StrayOptions(result);
        if (strays.Count > 0)
        {
            // Whatever else went wrong follows from the stray option (its value taken as an argument, ...).
            return [.. strays.Select(s => UnknownOption(result.CommandResult, s.Value, s.Swallower))];
        }

        var problems = new List<string>();
        var unmatched = result.UnmatchedTokens;
        if (unmatched.Count > 0)
        {
            problems.Add(Unexpected(result.CommandResult, unmatched));
        }

        foreach (var error in result.Errors)
        {
            var problem = error.SymbolResult switch
            {
                CommandResult command when unmatched.Count > 0 && command == result.CommandResult => null,
                CommandResult command when command.Command.Subcommands.Count > 0 && command == result.CommandResult =>
                    $"'{CommandPath.Of(command)}' needs a command: {string.Join(", ", CommandPath.SubcommandNames(command.Command))}",
                OptionResult option => Explain(option, error.Message),
                ArgumentResult argument => Explain(argument, error.Message),
                _ => error.Message,
            };
            if (problem is not null && !problems.Contains(problem, StringComparer.Ordinal))
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    private static string UnknownOption(CommandResult command, string token, Argument? swallower)
    {
        var name = token.Split('=', 2)[0];
        var path = CommandPath.Of(command);
        var names = CommandPath.OptionNamesAt(command);
        var closest = NameSuggester.Suggest(name.TrimStart('-'), names.Select(n => n.TrimStart('-')), 1)
            .Select(bare => names.First(n => n.TrimStart('-') == bare)).FirstOrDefault();
        if (closest is not null)
        {
            return $"unknown option '{name}'; did you mean '{closest}'?";
        }

        var text = $"unknown option '{name}' for '{path}'";
        return swallower switch
        {
            { Arity.MaximumNumberOfValues: > 1 } => $"{text} (what is meant for the program goes after '--')",
            not null => $"{text} (a value that starts with '-' goes after '--')",
            _ => text,
        };
    }

    private static string Unexpected(CommandResult command, IReadOnlyList<string> tokens)
    {
        var path = CommandPath.Of(command);
        var first = tokens[0];
        var subcommands = CommandPath.SubcommandNames(command.Command);
        if (subcommands.Count > 0 && !command.Children.OfType<ArgumentResult>().Any(a => a.Tokens.Count > 0))
        {
            var closest = NameSuggester.Suggest(first, subcommands, 1);
            var where = command.Parent is null ? "a baton command" : $"a command of '{path}'";
            return $"'{first}' is not {where}; " + (closest.Count > 0
                ? $"did you mean '{path} {closest[0]}'?"
                : $"the commands are: {string.Join(", ", subcommands)}");
        }

        var what = tokens.Count == 1 ? $"unexpected argument '{first}'" : $"unexpected arguments {string.Join(", ", tokens.Select(t => $"'{t}'"))}";
        var takes = CommandPath.Arguments(command.Command);
        return takes.Length == 0 ? $"{what}: '{path}' takes no arguments, only options" : $"{what}: '{path}' takes {takes}";
    }

    private static string Explain(OptionResult result, string message)
    {
        var option = result.Option;
        var name = result.IdentifierToken?.Value ?? option.Name;
        var tokens = result.Tokens;
        if (tokens.Count == 0)
        {
            return $"{name} needs a value: {ValueWords.Describe(option)}";
        }

        if (tokens.Count > option.Arity.MaximumNumberOfValues)
        {
            return $"{name} takes one value, and was given {tokens.Count} ({string.Join(", ", tokens.Select(t => $"'{t.Value}'"))}); give it once";
        }

        var allowed = ValueWords.Allowed(option);
        if (allowed.Count > 0 && tokens.FirstOrDefault(t => !allowed.Contains(t.Value, StringComparer.Ordinal)) is { } bad)
        {
            return NotAllowed(name, bad.Value, allowed);
        }

        return IsText(option.ValueType) ? message : $"{name} takes {ValueWords.Describe(option)}, not '{tokens[^1].Value}'";
    }

    private static string Explain(ArgumentResult result, string message)
    {
        var argument = result.Argument;
        var command = result.Parent as CommandResult;
        var name = (argument.HelpName ?? argument.Name).ToUpperInvariant();
        if (result.Tokens.Count == 0 && command is not null)
        {
            var about = argument.Description is { Length: > 0 } d ? $": {char.ToLower(d[0], CultureInfo.InvariantCulture)}{d[1..]}" : string.Empty;
            return $"'{CommandPath.Of(command)}' needs {name}{about}";
        }

        var allowed = ValueWords.Allowed(argument);
        if (allowed.Count > 0 && result.Tokens.FirstOrDefault(t => !allowed.Contains(t.Value, StringComparer.Ordinal)) is { } bad)
        {
            return NotAllowed(name, bad.Value, allowed);
        }

        return IsText(argument.ValueType) || result.Tokens.Count == 0 ? message : $"{name} takes {ValueWords.Describe(argument)}, not '{result.Tokens[^1].Value}'";
    }

    private static string NotAllowed(string name, string value, IReadOnlyList<string> allowed)
    {
        var closest = NameSuggester.Suggest(value, allowed, 1);
        return $"{name} takes {ValueWords.OneOf(allowed)}, not '{value}'" + (closest.Count > 0 ? $"; did you mean '{closest[0]}'?" : string.Empty);
    }

    /// <summary>
    /// Tokens before <c>--</c> that look like options but were taken as positional arguments (or left unmatched), with
    /// the argument that took them.
    /// </summary>
    private static List<(string Value, Argument? Swallower)> StrayOptions(ParseResult result)
    {
        var tokens = result.Tokens;
        var end = tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        var beforeDash = new HashSet<Token>(end < 0 ? tokens : tokens.Take(end), ReferenceEqualityComparer.Instance);
        var strays = new List<(string, Argument?)>();
        for (SymbolResult? current = result.CommandResult; current is CommandResult command; current = command.Parent)
        {
            foreach (var argument in command.Children.OfType<ArgumentResult>())
            {
                strays.AddRange(argument.Tokens.Where(t => beforeDash.Contains(t) && LooksLikeOption(t.Value)).Select(t => (t.Value, (Argument?)argument.Argument)));
            }
        }

        var beforeDashValues = beforeDash.Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        strays.AddRange(result.UnmatchedTokens.Where(t => LooksLikeOption(t) && beforeDashValues.Contains(t)).Select(t => (t, (Argument?)null)));
        return strays;
    }

    // "-" alone means standard input to many programs, and "-5" is a number.
    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool IsText(Type type) => type == typeof(string) || type == typeof(string[]);
}
