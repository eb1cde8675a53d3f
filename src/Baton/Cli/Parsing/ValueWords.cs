using System.CommandLine;
using System.CommandLine.Completions;
using System.Globalization;

namespace Baton.Cli.Parsing;

/// <summary>
/// What an option or argument takes, in words a user understands ("whole seconds, e.g. 600", "one of high, normal or
/// low"): derived from its value type, its help name and its default, so that every option is described the same way
/// and no .NET type name ever reaches the user.
/// </summary>
internal static class ValueWords
{
    /// <summary>The values <paramref name="option"/> is limited to (AcceptOnlyFromAmong), in their declared order, or none.</summary>
    public static IReadOnlyList<string> Allowed(Option option) =>
        ElementType(option.ValueType) == typeof(bool) ? [] : Labels(option.CompletionSources);

    /// <summary>The values <paramref name="argument"/> is limited to, or none.</summary>
    public static IReadOnlyList<string> Allowed(Argument argument) => Labels(argument.CompletionSources);

    /// <summary>What <paramref name="option"/> takes: "whole seconds, e.g. 600".</summary>
    public static string Describe(Option option) =>
        Describe(option.ValueType, option.HelpName, Allowed(option), option.HasDefaultValue ? option.GetDefaultValue() : null);

    /// <summary>What <paramref name="argument"/> takes.</summary>
    public static string Describe(Argument argument) =>
        Describe(argument.ValueType, argument.HelpName, Allowed(argument), argument.HasDefaultValue ? argument.GetDefaultValue() : null);

    /// <summary>"a, b or c".</summary>
    public static string OneOf(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Join(string.Empty, names) : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";

    private static string Describe(Type valueType, string? helpName, IReadOnlyList<string> allowed, object? defaultValue)
    {
        if (allowed.Count > 0)
        {
            return $"one of {OneOf(allowed)}";
        }

        var type = ElementType(valueType);
        var seconds = string.Equals(helpName, "SECONDS", StringComparison.OrdinalIgnoreCase);
        var example = defaultValue is not bool && defaultValue is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : null;
        if (type == typeof(int) || type == typeof(long))
        {
            return seconds ? $"whole seconds, e.g. {example ?? "600"}" : $"a whole number, e.g. {example ?? "3"}";
        }

        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float))
        {
            return seconds ? $"a number of seconds, e.g. {example ?? "600"}" : $"a number, e.g. {example ?? "2.5"}";
        }

        if (type == typeof(bool))
        {
            return "true or false (or nothing, for true)";
        }

        return helpName is { Length: > 0 } ? $"a {helpName}" : "a value";
    }

    // The sources themselves, not GetCompletions, which sorts them: "critical, high, normal or low" reads better.
    private static string[] Labels(IEnumerable<Func<CompletionContext, IEnumerable<CompletionItem>>> sources) =>
        [.. sources.SelectMany(source => source(CompletionContext.Empty)).Select(c => c.Label).Distinct(StringComparer.Ordinal)];

    private static Type ElementType(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        return Nullable.GetUnderlyingType(element) ?? element;
    }
}
