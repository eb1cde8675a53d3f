using System.Text.Json.Nodes;

namespace Baton.AgentCli.Tests.Fakes;

/// <summary>
/// A <c>tool_use</c> block. The server gives it an id (<c>toolu_mock0001</c>, …) unless one is scripted, and streams
/// the input as <c>input_json_delta</c> fragments, as the real API does.
/// </summary>
internal sealed record ScriptedToolUse(string Name, JsonObject Input, string? Id = null) : ScriptedBlock;
