using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Baton.Core.Interactions;

/// <summary>
/// The identity of a request across restarts: kind, tool and input (JSON compared by value, key order ignored),
/// questions and plan. A session resumed after a crash that asks for the same thing again matches the interaction
/// its first run opened, so a person is not asked twice and an answer given while no daemon ran is applied.
/// </summary>
public static class InteractionFingerprint
{
    /// <summary>A short hex digest of what identifies <paramref name="ask"/>.</summary>
    public static string Of(InteractionAsk ask)
    {
        var text = new StringBuilder();
        text.Append(ask.Kind.ToWire()).Append('\n').Append(ask.ToolName).Append('\n').Append(Canonical(ask.Input)).Append('\n');
        foreach (var question in ask.Questions)
        {
            text.Append(question.Text).Append('\n');
            foreach (var option in question.Options)
            {
                text.Append(option.Label).Append('\t');
            }
        }

        text.Append('\n').Append(ask.Plan);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    private static string Canonical(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return string.Empty;
        }

        try
        {
            return Sorted(JsonNode.Parse(json))?.ToJsonString() ?? "null";
        }
        catch (System.Text.Json.JsonException)
        {
            return json.Trim();
        }
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
