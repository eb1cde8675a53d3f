using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Baton.Api;

/// <summary>
/// Turns System.Text.Json's exceptions into messages for the person who wrote the request: which property, what was
/// expected, and for malformed JSON where it broke. Type names of Baton's internals never reach the caller.
/// </summary>
internal static class JsonErrors
{
    public static ApiInputException Describe(JsonException exception, JsonTypeInfo type)
    {
        var message = exception.Message;
        var path = exception.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        // Declared order, the type's own properties after those it inherits (a workflow task's phase_id last).
        var known = string.Join(", ", type.Properties.OrderBy(x => Depth(x.DeclaringType)).Select(x => x.Name));
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = Quoted(message) ?? path ?? "?";
            return new ApiInputException($"unknown property '{name}'; the properties are: {known}", name);
        }

        if (message.Contains("uplicate", StringComparison.Ordinal))
        {
            var name = Quoted(message) ?? path ?? "?";
            return new ApiInputException($"property '{name}' appears more than once", name);
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            return path is null
                ? new ApiInputException("the body must be a JSON object")
                : new ApiInputException($"{path} must be {Expected(path, type)}", path);
        }

        if (message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return new ApiInputException($"the body is empty; send a JSON object with the properties: {known}");
        }

        // Malformed JSON: the reader's own description is precise (no internals), without the path suffix.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var what = cut > 0 ? message[..cut] : message;
        return new ApiInputException(
            $"the body is not valid JSON (line {(exception.LineNumber ?? 0) + 1}, byte {(exception.BytePositionInLine ?? 0) + 1}): {what}", path);
    }

    /// <summary>What the property at <paramref name="path"/> must be, in words.</summary>
    private static string Expected(string path, JsonTypeInfo type)
    {
        var end = path.IndexOfAny(['.', '[']);
        var name = end < 0 ? path : path[..end];
        var property = type.Properties.FirstOrDefault(x => x.Name == name);
        if (property is null)
        {
            return "of another type";
        }

        var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var nested = end >= 0;
        return (propertyType, nested) switch
        {
            (_, true) => "a string",
            _ when propertyType == typeof(int) => "an integer",
            _ when propertyType == typeof(bool) => "true or false",
            _ when propertyType == typeof(string) => "a string",
            _ when propertyType == typeof(DateTimeOffset) => "an ISO 8601 date and time such as 2026-11-21T18:00:00Z",
            _ when propertyType == typeof(IReadOnlyList<string>) => "an array of strings",
            _ when propertyType == typeof(IReadOnlyDictionary<string, string>) => "an object whose values are strings",
            _ => "of another type",
        };
    }

    private static string? Quoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? message[(start + 1)..end] : null;
    }

    /// <summary>How many base types <paramref name="type"/> has: base properties are listed before a derived type's own.</summary>
    private static int Depth(Type type)
    {
        var depth = 0;
        for (var at = type.BaseType; at is not null; at = at.BaseType)
        {
            depth++;
        }

        return depth;
    }
}
