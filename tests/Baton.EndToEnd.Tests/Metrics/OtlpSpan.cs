namespace Baton.EndToEnd.Tests.Metrics;

/// <summary>One span as an OTLP export carried it: ids in hex, string and integer attributes as text, status code 2 for an error.</summary>
internal sealed record OtlpSpan(
    string TraceId, string SpanId, string ParentSpanId, string Name, ulong StartNanos, ulong EndNanos, IReadOnlyDictionary<string, string> Attributes, int StatusCode)
{
    public string? Attribute(string key) => Attributes.TryGetValue(key, out var value) ? value : null;
}
