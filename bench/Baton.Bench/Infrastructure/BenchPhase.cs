using Baton.Core.Tasks;

namespace Baton.Bench.Infrastructure;

/// <summary>A phase of a bench workflow: its id, the phases it waits for, and the definitions of its tasks.</summary>
internal sealed record BenchPhase(string Id, IReadOnlyList<string> DependsOn, IReadOnlyList<TaskDefinition> Tasks);
