namespace Baton.Bench.Infrastructure;

/// <summary>One server-sent event as a subscriber got it: its log id and the Stopwatch timestamp of its blank line.</summary>
internal readonly record struct SseArrival(long Id, long At);
