using System.Text;
using System.Text.Json.Nodes;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary>
/// Malformed MCP messages, reproducibly (a fixed seed): text that is not JSON, JSON that is not JSON-RPC, unknown
/// methods, params of the wrong shape, tool calls whose arguments are always invalid (wrong types, unknown names,
/// oversized strings, ids that do not exist), junk notifications, huge and deeply nested values. None of them may
/// create or change anything.
/// </summary>
internal static class McpFuzzMessages
{
    private static readonly string[] Tools =
        ["task_async", "task_status", "task_cancel", "workflow_create", "workflow_add_phase", "workflow_add_task", "workflow_start", "workflow_status", "list_tasks"];

    private static readonly string[] Methods =
    [
        "tools/call", "tools/list", "resources/read", "resources/subscribe", "resources/unsubscribe", "resources/list", "resources/templates/list",
        "prompts/list", "prompts/get", "logging/setLevel", "completion/complete", "initialize", "ping", "subscriptions/listen", "server/discover",
    ];

    private static readonly JsonNode?[] WrongValues = [5, -1, 1.5, true, null, "", "   ", new JsonArray(1, 2), new JsonObject { ["x"] = 1 }];

    public static IEnumerable<string> Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            // Ids from 100_000 on, so they never meet the tests' own requests.
            yield return (i % 10) switch
            {
                0 => NotJson(random),
                1 => NotJsonRpc(random, i),
                2 => Request(100_000 + i, "x/" + Word(random), new JsonObject()),
                3 => Request(100_000 + i, Methods[random.Next(Methods.Length)], WrongValues[random.Next(WrongValues.Length)]?.DeepClone()),
                4 or 5 or 6 => Request(100_000 + i, "tools/call", BadToolCall(random)),
                7 => Notification(random),
                8 => Request(100_000 + i, Methods[random.Next(Methods.Length)], new JsonObject { ["uri"] = WrongValues[random.Next(WrongValues.Length)]?.DeepClone(), ["name"] = Huge(random) }),
                _ => Odd(random, 100_000 + i),
            };
        }
    }

    private static string Request(int id, string method, JsonNode? parameters) =>
        new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString();

    private static string NotJson(Random random) => random.Next(6) switch
    {
        0 => "{",
        1 => "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"task_async\"",
        2 => "not json at all " + Word(random),
        3 => new string((char)random.Next(0x20, 0x7f), random.Next(1, 400)),
        4 => "\"a string\"",
        _ => string.Concat(Enumerable.Range(0, random.Next(1, 50)).Select(_ => (char)random.Next(0xa0, 0x2fff))),
    };

    private static string NotJsonRpc(Random random, int i) => random.Next(8) switch
    {
        0 => "{}",
        1 => "[]",
        2 => "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]",
        3 => $"{{\"jsonrpc\":\"1.0\",\"id\":{i},\"method\":\"ping\"}}",
        4 => "{\"jsonrpc\":\"2.0\",\"id\":{\"an\":\"object\"},\"method\":\"ping\"}",
        5 => "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}",
        6 => "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}",
        _ => "null",
    };

    /// <summary>A tools/call whose arguments are invalid for certain: a required one has the wrong type, or an unknown one is added.</summary>
    private static JsonObject BadToolCall(Random random)
    {
        var tool = Tools[random.Next(Tools.Length)];
        var arguments = new JsonObject
        {
            ["name"] = "fuzz",
            ["agent_name"] = "greeter",
            ["agent_instructions"] = "p",
            ["workflow_id"] = "zzzzzzzzzzzz",
            ["phase_id"] = "p",
            ["task_id"] = "zzzzzzzzzzzz",
        };
        switch (random.Next(5))
        {
            case 0:
                arguments["name"] = WrongValues[random.Next(WrongValues.Length)]?.DeepClone() ?? 7;
                break;
            case 1:
                arguments["unknown_" + Word(random)] = 1;
                break;
            case 2:
                arguments["name"] = Huge(random);
                break;
            case 3:
                arguments["timeout_seconds"] = "soon";
                break;
            default:
                arguments["limit"] = new JsonArray();
                break;
        }

        // Each tool takes only some of these; the rest are unknown arguments, which makes the call invalid anyway.
        return random.Next(10) == 0
            ? new JsonObject { ["name"] = Tools[random.Next(Tools.Length)] + "_nope", ["arguments"] = arguments }
            : new JsonObject { ["name"] = tool, ["arguments"] = random.Next(8) == 0 ? WrongValues[random.Next(WrongValues.Length)]?.DeepClone() : arguments };
    }

    private static string Notification(Random random) => random.Next(4) switch
    {
        0 => "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"nope\"}}",
        1 => "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":5}",
        2 => $"{{\"jsonrpc\":\"2.0\",\"method\":\"notifications/{Word(random)}\"}}",
        _ => "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":[],\"progress\":\"x\"}}",
    };

    private static string Odd(Random random, int id) => random.Next(4) switch
    {
        0 => Request(id, Huge(random), null),
        1 => new string('[', 5000) + new string(']', 5000),
        2 => Request(id, "tools/call", new JsonObject { ["name"] = "task_status", ["arguments"] = new JsonObject { ["task_id"] = Huge(random) } }),
        _ => Request(id, "resources/read", new JsonObject { ["uri"] = "baton://tasks/" + Huge(random) }),
    };

    private static string Huge(Random random) => new((char)('a' + random.Next(26)), 100 * 1024 + random.Next(1024));

    private static string Word(Random random)
    {
        var word = new StringBuilder();
        for (var i = random.Next(1, 12); i > 0; i--)
        {
            word.Append((char)('a' + random.Next(26)));
        }

        return word.ToString();
    }
}
