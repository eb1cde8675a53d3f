using System.Globalization;
using System.Text.Json;
using Baton.Core.Application.Fields;

namespace Baton.Mcp.Tools;

/// <summary>
/// A tool call's arguments, read by name with the checks every tool needs: unknown names are refused, JSON types
/// checked, sizes bounded; every message names the argument. A JSON null counts as absent.
/// </summary>
internal sealed class ToolArguments
{
    private const int EchoLimit = 80;
    private readonly IDictionary<string, JsonElement> values;

    /// <param name="tool">The tool's name, for messages.</param>
    /// <param name="values">The call's arguments (null when the client sent none).</param>
    /// <param name="known">The argument names the tool takes.</param>
    public ToolArguments(string tool, IDictionary<string, JsonElement>? values, IReadOnlyCollection<string> known)
    {
        this.values = values ?? new Dictionary<string, JsonElement>();
        foreach (var name in this.values.Keys)
        {
            if (!known.Contains(name))
            {
                throw new ToolArgumentException($"{tool} has no argument '{Echo(name)}'; it takes {string.Join(", ", known)}");
            }
        }
    }

    /// <summary>A string that must be given and not be blank.</summary>
    public string Required(string name, int maxLength)
    {
        var text = String(name, maxLength) ?? throw new ToolArgumentException($"'{name}' is required");
        return string.IsNullOrWhiteSpace(text) ? throw new ToolArgumentException($"'{name}' must not be empty") : text;
    }

    /// <summary>A string, or null if absent.</summary>
    public string? String(string name, int maxLength)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongType(name, "a string", value);
        return text.Length <= maxLength
            ? text
            : throw new ToolArgumentException($"'{name}' is {text.Length} characters long; the limit is {maxLength}");
    }

    /// <summary>One of <paramref name="allowed"/>, or null if absent.</summary>
    public string? OneOf(string name, IReadOnlyCollection<string> allowed)
    {
        var text = String(name, 64);
        return text is null || allowed.Contains(text)
            ? text
            : throw new ToolArgumentException($"'{name}' must be one of {string.Join(", ", allowed)} (got '{Echo(text)}')");
    }

    /// <summary>An integer (a JSON number without a fraction) within bounds, or null if absent.</summary>
    public int? Integer(string name, int min, int max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || Math.Floor(number) != number)
        {
            throw WrongType(name, "an integer", value);
        }

        return number >= min && number <= max
            ? (int)number
            : throw new ToolArgumentException($"'{name}' must be between {min} and {max} (got {number.ToString(CultureInfo.InvariantCulture)})");
    }

    /// <summary>An amount of money (a JSON number) within a range, or null if absent.</summary>
    public decimal? Amount(string name, decimal min, decimal max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var amount))
        {
            throw WrongType(name, "a number", value);
        }

        return amount >= min && amount <= max
            ? amount
            : throw new ToolArgumentException($"'{name}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)} (got {amount.ToString(CultureInfo.InvariantCulture)})");
    }

    /// <summary>A boolean (JSON true or false), or null if absent.</summary>
    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "true or false", value),
        };
    }

    /// <summary>A list of strings, or null if absent.</summary>
    public IReadOnlyList<string>? StringList(string name, int maxItems, int maxLength)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(name, "an array of strings", value);
        }

        var count = value.GetArrayLength();
        if (count > maxItems)
        {
            throw new ToolArgumentException($"'{name}' lists {count} items; the limit is {maxItems}");
        }

        var items = new List<string>(count);
        foreach (var item in value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw WrongType($"{name}[{items.Count}]", "a string", item);
            items.Add(text.Length <= maxLength
                ? text
                : throw new ToolArgumentException($"'{name}[{items.Count}]' is {text.Length} characters long; the limit is {maxLength}"));
        }

        return items;
    }

    /// <summary>An object of string values (numbers and booleans are taken as their text), or null if absent.</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string name, int maxEntries, int maxKeyLength, int maxLength)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(name, "an object of strings", value);
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (map.Count == maxEntries)
            {
                throw new ToolArgumentException($"'{name}' has more than {maxEntries} entries");
            }

            var key = property.Name.Length > 0 && property.Name.Length <= maxKeyLength
                ? property.Name
                : throw new ToolArgumentException($"'{name}' keys must be 1 to {maxKeyLength} characters");
            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => throw WrongType($"{name}.{Echo(key)}", "a string", property.Value),
            };
            map[key] = text.Length <= maxLength
                ? text
                : throw new ToolArgumentException($"'{name}.{Echo(key)}' is {text.Length} characters long; the limit is {maxLength}");
        }

        return map;
    }

    /// <summary>An ISO 8601 time, or null if absent.</summary>
    public DateTimeOffset? Time(string name)
    {
        var text = String(name, 64);
        if (text is null)
        {
            return null;
        }

        return TaskFieldTimes.TryParse(text, out var time)
            ? time
            : throw new ToolArgumentException($"'{name}' must be {TaskFieldTimes.Example} (got '{Echo(text)}')");
    }

    /// <summary>True if the caller gave <paramref name="name"/> (null counts as not given).</summary>
    public bool Has(string name) => TryGet(name, out _);

    private bool TryGet(string name, out JsonElement value) =>
        values.TryGetValue(name, out value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    private static ToolArgumentException WrongType(string name, string expected, JsonValueKind kind) =>
        new($"'{name}' must be {expected} (got {kind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => "null",
        }})");

    private static ToolArgumentException WrongType(string name, string expected, JsonElement value) => WrongType(name, expected, value.ValueKind);

    /// <summary>A caller's text quoted back in a message, cut short: a message must not carry megabytes back.</summary>
    private static string Echo(string text) => text.Length <= EchoLimit ? text : text[..EchoLimit] + "...";
}
