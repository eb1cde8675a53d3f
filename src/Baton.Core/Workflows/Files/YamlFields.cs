using System.Globalization;
using Baton.Core.Text;
using Baton.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Baton.Core.Workflows.Files;

/// <summary>
/// Typed reads of one mapping of a workflow file. Each read fills <c>{{vars.NAME}}</c> placeholders in text before it is
/// interpreted (so <c>timeout_seconds: "{{vars.t}}"</c> works), and each problem is an error naming the key by its path
/// (<c>phases[0].tasks[1].timeout_seconds</c>) at its line. Keys outside <c>allowed</c> are refused at once: a misspelt
/// key silently ignored would run something other than what was written.
/// </summary>
internal sealed class YamlFields
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries = new(StringComparer.Ordinal);
    private readonly string path;

    public YamlFields(YamlMappingNode mapping, string path, FileContext context, IReadOnlyList<string> allowed, Func<string, string?>? refusal = null)
    {
        this.path = path;
        Context = context;
        Node = mapping;
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key } scalar)
            {
                throw context.Error(keyNode, $"{Describe(path)} has a key that is not a name ({DescribeNode(keyNode)}); keys are words such as {allowed[0]}");
            }

            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw context.Error(keyNode, refusal?.Invoke(key) ?? UnknownKey(key, allowed));
            }

            entries[key] = (scalar, value);
        }
    }

    public FileContext Context { get; }

    /// <summary>The mapping read.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>Where the mapping is, for messages: <c>phases[0].tasks[1]</c>, or empty for the file's top level.</summary>
    public string Path => path;

    /// <summary>Whether <paramref name="key"/> is present with a value other than null.</summary>
    public bool Has(string key) => entries.TryGetValue(key, out var entry) && !IsNull(entry.Value);

    /// <summary>Whether <paramref name="key"/> holds a single value (not a list or a mapping).</summary>
    public bool IsScalar(string key) => entries.TryGetValue(key, out var entry) && entry.Value is YamlScalarNode;

    /// <summary>The path of <paramref name="key"/> for messages: <c>phases[0].tasks[1].name</c>.</summary>
    public string Where(string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>An error at <paramref name="key"/>'s line (at the mapping's when the key is absent).</summary>
    public BatonException Error(string key, string message) =>
        Context.Error(entries.TryGetValue(key, out var entry) ? entry.Key : Node, message);

    /// <summary>An error at the mapping's own line.</summary>
    public BatonException Error(string message) => Context.Error(Node, message);

    /// <summary>A text value with its placeholders filled; numbers and booleans are read as written. Null when absent.</summary>
    public string? Text(string key)
    {
        if (!entries.TryGetValue(key, out var entry) || IsNull(entry.Value))
        {
            return null;
        }

        return entry.Value is YamlScalarNode scalar
            ? Fill(scalar, Where(key))
            : throw Context.Error(entry.Value, $"{Where(key)} must be text, found {DescribeNode(entry.Value)}; write it after '{key}:' (in quotes if it contains ': ')");
    }

    /// <summary>A text value that must be there and not blank.</summary>
    public string RequiredText(string key, string example)
    {
        var text = Text(key);
        if (text is null)
        {
            throw Error(key, entries.ContainsKey(key)
                ? $"{Where(key)} is empty; give it a value, e.g. '{example}'"
                : $"{Describe(path)} has no '{key}'; add one, e.g. '{example}'");
        }

        return string.IsNullOrWhiteSpace(text) ? throw Error(key, $"{Where(key)} is blank; give it a value, e.g. '{example}'") : text;
    }

    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public int? Integer(string key, int min)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(key, $"{Where(key)} must be a whole number, found '{text}'; write e.g. '{key}: {Math.Max(min, 1)}'");
        }

        return value >= min ? value : throw Error(key, $"{Where(key)} must be at least {min}, found {value}");
    }

    /// <summary>An amount of money in USD written as a number, e.g. <c>5</c> or <c>2.50</c> (limits are the validator's).</summary>
    public decimal? Amount(string key)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text.Trim().TrimStart('$'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(key, $"{Where(key)} must be an amount in USD, found '{text}'; write e.g. '{key}: 5.00'");
    }

    /// <summary>A boolean written <c>true</c> or <c>false</c>.</summary>
    public bool? Flag(string key)
    {
        var text = Text(key)?.Trim();
        if (text is null)
        {
            return null;
        }

        return bool.TryParse(text, out var value) ? value : throw Error(key, $"{Where(key)} must be true or false, found '{text}'");
    }

    /// <summary>A list of text items (<c>[a, b]</c> or one item per <c>- </c> line); a single text value is a one-item list.</summary>
    public IReadOnlyList<string>? List(string key)
    {
        if (!entries.TryGetValue(key, out var entry) || IsNull(entry.Value))
        {
            return null;
        }

        switch (entry.Value)
        {
            case YamlScalarNode scalar:
                return [Fill(scalar, Where(key))];
            case YamlSequenceNode sequence:
                var items = new List<string>(sequence.Children.Count);
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var item = sequence.Children[i];
                    items.Add(item is YamlScalarNode itemScalar && !IsNull(item)
                        ? Fill(itemScalar, $"{Where(key)}[{i}]")
                        : throw Context.Error(item, $"{Where(key)}[{i}] must be text, found {DescribeNode(item)}"));
                }

                return items;
            default:
                throw Context.Error(entry.Value, $"{Where(key)} must be a list such as [a, b], found {DescribeNode(entry.Value)}");
        }
    }

    /// <summary>A mapping of names to text (indented <c>NAME: value</c> lines).</summary>
    public IReadOnlyDictionary<string, string>? Map(string key, bool fill = true)
    {
        if (!entries.TryGetValue(key, out var entry) || IsNull(entry.Value))
        {
            return null;
        }

        if (entry.Value is not YamlMappingNode map)
        {
            throw Context.Error(entry.Value, $"{Where(key)} must be a mapping of names to values (indented 'NAME: value' lines under '{key}:'), found {DescribeNode(entry.Value)}");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (nameNode, value) in map.Children)
        {
            if (nameNode is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                throw Context.Error(nameNode, $"{Where(key)} has a name that is not text ({DescribeNode(nameNode)})");
            }

            result[name] = value switch
            {
                _ when IsNull(value) => string.Empty,
                YamlScalarNode scalar => fill ? Fill(scalar, $"{Where(key)}.{name}") : scalar.Value ?? string.Empty,
                _ => throw Context.Error(value, $"{Where(key)}.{name} must be text, found {DescribeNode(value)}; quote it if it contains ': '"),
            };
        }

        return result;
    }

    /// <summary>The mapping under <paramref name="key"/>, or null when absent.</summary>
    public YamlFields? Mapping(string key, IReadOnlyList<string> allowed, Func<string, string?>? refusal = null)
    {
        if (!entries.TryGetValue(key, out var entry) || IsNull(entry.Value))
        {
            return null;
        }

        return entry.Value is YamlMappingNode map
            ? new YamlFields(map, Where(key), Context, allowed, refusal)
            : throw Context.Error(entry.Value, $"{Where(key)} must be a mapping (indented 'key: value' lines under '{key}:'), found {DescribeNode(entry.Value)}");
    }

    /// <summary>The list of mappings under <paramref name="key"/> (<c>- key: value</c> items); empty when absent.</summary>
    public IReadOnlyList<YamlFields> Mappings(string key, IReadOnlyList<string> allowed, Func<string, string?>? refusal = null)
    {
        if (!entries.TryGetValue(key, out var entry) || IsNull(entry.Value))
        {
            return [];
        }

        if (entry.Value is not YamlSequenceNode sequence)
        {
            throw Context.Error(entry.Value, $"{Where(key)} must be a list of items, each starting with '- ', found {DescribeNode(entry.Value)}");
        }

        var items = new List<YamlFields>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            items.Add(item is YamlMappingNode map
                ? new YamlFields(map, $"{Where(key)}[{i}]", Context, allowed, refusal)
                : throw Context.Error(item, $"{Where(key)}[{i}] must be a mapping ('key: value' lines), found {DescribeNode(item)}"));
        }

        return items;
    }

    /// <summary>How a node reads in a message.</summary>
    public static string DescribeNode(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping (nested 'key: value' lines)",
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an unsupported value",
    };

    /// <summary>True for an empty value, <c>~</c> or <c>null</c> written without quotes.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private string Fill(YamlScalarNode scalar, string where) =>
        Context.Variables.Apply(scalar.Value ?? string.Empty, where, message => Context.Error(scalar, message));

    private string UnknownKey(string key, IReadOnlyList<string> allowed)
    {
        var close = NameSuggester.Suggest(key, allowed, 1);
        return $"unknown key '{key}' in {Describe(path)}"
            + (close.Count > 0 ? $"; did you mean '{close[0]}'?" : string.Empty)
            + $"; the keys allowed here are {string.Join(", ", allowed)}";
    }

    private static string Describe(string path) => path.Length == 0 ? "the workflow" : path;
}
