using System.Text.Json.Serialization;
using Baton.Core.Application.Views;

namespace Baton.Mcp;

/// <summary>A list of tasks as list_tasks returns it (structured content must be an object).</summary>
/// <param name="Tasks">Newest first.</param>
/// <param name="Count">How many are listed.</param>
internal sealed record TaskListView(IReadOnlyList<TaskView> Tasks, int Count);

/// <summary>What <c>baton init claude --json</c> prints.</summary>
/// <param name="Scope">project or user.</param>
/// <param name="File">The file written (project scope), else null.</param>
/// <param name="Outcome">added, updated, unchanged, or printed (--print).</param>
/// <param name="Command">The equivalent <c>claude mcp add</c> command line.</param>
internal sealed record InitView(string Scope, string? File, string Outcome, string Command);

/// <summary>Source-generated JSON for what MCP adds to the shared views, in the same snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TaskListView))]
[JsonSerializable(typeof(InitView))]
internal sealed partial class McpJsonContext : JsonSerializerContext;
