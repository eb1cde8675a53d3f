using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Baton.Core.Agents;

/// <summary>
/// Typed reads of front-matter keys. A value of the wrong type is recorded as a problem on that key's file line
/// (naming the key and what it must be) and read as absent, so that one pass reports every problem in a file.
/// </summary>
internal sealed class FrontMatterFields(YamlMappingNode mapping, string file, List<AgentProblem> problems)
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries = Index(mapping);

    public IEnumerable<string> Keys => entries.Keys;

    public bool Has(string key) => entries.ContainsKey(key);

    /// <summary>Whether <paramref name="key"/> is present with an empty or blank value.</summary>
    public bool IsBlank(string key) =>
        entries.TryGetValue(key, out var entry) && (IsNull(entry.Value) || entry.Value is YamlScalarNode { Value: var v } && string.IsNullOrWhiteSpace(v));

    /// <summary>A text value; numbers and booleans are read as the text they are written as.</summary>
    public string? Text(string key)
    {
        if (!entries.TryGetValue(key, out var entry) || IsNull(entry.Value))
        {
            return null;
        }

        if (entry.Value is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Report(key, $"'{key}' must be text, found {Describe(entry.Value)}; write it on one line after '{key}:', in double quotes if it contains ': '");
        return null;
    }

    /// <summary>A whole number of at least <paramref name="min"/> and at most <paramref name="max"/>.</summary>
    public int? Integer(string key, int min, int max)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Report(key, $"'{key}' must be a whole number, found '{text}'; write e.g. '{key}: {Math.Max(min, 1)}'");
            return null;
        }

        if (value < min || value > max)
        {
            Report(key, $"'{key}' must be between {min} and {max}, found {value}");
            return null;
        }

        return value;
    }

    /// <summary>A boolean written <c>true</c> or <c>false</c>.</summary>
    public bool? Flag(string key)
    {
        var text = Text(key)?.Trim();
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Report(key, $"'{key}' must be true or false, found '{text}'");
        return null;
    }

    /// <summary>Names written as a comma-separated string (<c>Read, Grep</c>) or a YAML list (<c>[Read, Grep]</c>).</summary>
    public IReadOnlyList<string>? Names(string key)
    {
        if (!entries.TryGetValue(key, out var entry) || IsNull(entry.Value))
        {
            return null;
        }

        var expected = $"'{key}' must be a comma-separated string ({key}: Read, Grep) or a YAML list ({key}: [Read, Grep])";
        switch (entry.Value)
        {
            case YamlScalarNode scalar:
                return [.. (scalar.Value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            case YamlSequenceNode sequence:
                var names = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } value } && !IsNull(item))
                    {
                        names.Add(value.Trim());
                    }
                    else
                    {
                        problems.Add(new AgentProblem(file, LineOf(item), $"{expected}; this item is {Describe(item)}"));
                        return null;
                    }
                }

                return names;
            default:
                Report(key, $"{expected}, found {Describe(entry.Value)}");
                return null;
        }
    }

    /// <summary>A mapping of names to text values (<c>NAME: value</c> lines indented under the key).</summary>
    public IReadOnlyDictionary<string, string>? Map(string key)
    {
        if (!entries.TryGetValue(key, out var entry) || IsNull(entry.Value))
        {
            return null;
        }

        if (entry.Value is not YamlMappingNode map)
        {
            Report(key, $"'{key}' must be a mapping of variable names to values (indented 'NAME: value' lines under '{key}:'), found {Describe(entry.Value)}");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in map.Children)
        {
            if (name is not YamlScalarNode { Value: { Length: > 0 } text } || text.Contains('=', StringComparison.Ordinal))
            {
                problems.Add(new AgentProblem(file, LineOf(name), $"'{key}' has an invalid variable name {Describe(name)}; use a name such as LOG_LEVEL (no '=')"));
                continue;
            }

            if (value is not YamlScalarNode scalar)
            {
                problems.Add(new AgentProblem(file, LineOf(value), $"'{key}.{text}' must be text, found {Describe(value)}; quote it if it contains ': '"));
                continue;
            }

            result[text] = IsNull(scalar) ? string.Empty : scalar.Value ?? string.Empty;
        }

        return result;
    }

    /// <summary>Records a problem on <paramref name="key"/>'s line.</summary>
    public void Report(string key, string message) => problems.Add(new AgentProblem(file, LineOf(entries[key].Key), message));

    public static int LineOf(YamlNode node) => Math.Max(1, (int)node.Start.Line) + FrontMatter.LineOffset;

    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping (nested 'key: value' lines)",
        YamlScalarNode scalar when IsNull(scalar) => "empty",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an unsupported value",
    };

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static Dictionary<string, (YamlScalarNode, YamlNode)> Index(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name } scalar)
            {
                result.TryAdd(name, (scalar, value));
            }
        }

        return result;
    }
}
