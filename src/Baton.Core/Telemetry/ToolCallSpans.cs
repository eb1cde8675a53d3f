using System.Diagnostics;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Telemetry;

/// <summary>
/// Turns an agent's tool calls into spans under its attempt's span (OpenTelemetry's <c>execute_tool</c>), from the
/// call to its result. A source of its own, so that metrics (which listen to the engine's source) never make the
/// runners follow tool results: only a trace exporter does.
/// </summary>
public sealed class ToolCallSpans : IToolCallObserver, IDisposable
{
    /// <summary>The name of the tool calls' activity source.</summary>
    public const string SourceName = "Baton.Tools";

    private static readonly ActivitySource Source = new(SourceName);

    private readonly ActivityContext attempt;
    private readonly Dictionary<string, Activity> open = new(StringComparer.Ordinal);
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private ToolCallSpans(ActivityContext attempt) => this.attempt = attempt;

    /// <summary>Spans under <paramref name="attemptActivity"/>; null (nothing to pay) when it is null or nobody listens for tool calls.</summary>
    public static ToolCallSpans? For(Activity? attemptActivity) =>
        attemptActivity is not null && Source.HasListeners() ? new ToolCallSpans(attemptActivity.Context) : null;

    /// <inheritdoc />
    public void Started(string callId, string toolName)
    {
        lock (gate)
        {
            // Streams may repeat a call (a resumed session replays it); its span starts once.
            if (!seen.Add(callId))
            {
                return;
            }

            // The call ends on the output reader's flow, not nested in it: the ambient activity stays the attempt's.
            var ambient = Activity.Current;
            var span = Source.StartActivity($"execute_tool {toolName}", ActivityKind.Internal, attempt);
            Activity.Current = ambient;
            if (span is null)
            {
                return;
            }

            span.SetTag("gen_ai.operation.name", "execute_tool").SetTag("gen_ai.tool.name", toolName).SetTag("gen_ai.tool.call.id", callId);
            open[callId] = span;
        }
    }

    /// <inheritdoc />
    public void Ended(string callId, bool failed)
    {
        Activity? span;
        lock (gate)
        {
            if (!open.Remove(callId, out span))
            {
                return;
            }
        }

        if (failed)
        {
            span.SetStatus(ActivityStatusCode.Error, "the tool reported an error");
        }

        span.Stop();
    }

    /// <summary>Ends the calls still open when the attempt ends (the agent was stopped before their results).</summary>
    public void Dispose()
    {
        List<Activity> unfinished;
        lock (gate)
        {
            unfinished = [.. open.Values];
            open.Clear();
        }

        foreach (var span in unfinished)
        {
            span.SetStatus(ActivityStatusCode.Error, "the attempt ended before the tool's result");
            span.Stop();
        }
    }
}
