using Baton.Core.Errors;
using Baton.Core.Workflows;

namespace Baton.Core.Initiatives;

/// <summary>
/// The rules every initiative keeps before it can start, however it was written (a file or step by step): at least one
/// foundation stream, unique stream ids that can name branches (and are not <c>integration</c>), known dependencies and
/// no cycle among them, at most the limit of parallel streams, and tasks in every stream. Each problem is one
/// invalid-input error that starts with where the stream is written when that is known (<c>plan.yaml:12: ...</c>).
/// </summary>
public static class InitiativeRules
{
    /// <summary>The most streams an initiative may have in all.</summary>
    public const int MaxStreams = 100;

    /// <summary>The largest limit on parallel streams that may be configured.</summary>
    public const int MaxParallelLimit = 50;

    /// <summary>Throws invalid input for <paramref name="maxParallel"/> outside 1 to <see cref="MaxParallelLimit"/>.</summary>
    public static void RequireMaxParallel(int maxParallel, string where = "")
    {
        if (maxParallel is < 1 or > MaxParallelLimit)
        {
            throw BatonException.Invalid($"{where}max_parallel must be from 1 to {MaxParallelLimit}, found {maxParallel}");
        }
    }

    /// <summary>Checks one stream on its own, as it is added: its id; <paramref name="existing"/> are the ids taken already.</summary>
    public static void CheckStream(StreamOutline stream, IReadOnlyCollection<string> existing)
    {
        var at = At(stream);
        if (InitiativeNames.Problem(stream.Id) is { } problem)
        {
            throw BatonException.Invalid($"{at}stream id '{stream.Id}' is not valid: {problem}");
        }

        if (string.Equals(stream.Id, InitiativeBranches.IntegrationName, StringComparison.OrdinalIgnoreCase))
        {
            throw BatonException.Invalid($"{at}stream id '{stream.Id}' is taken by the initiative's own branch (baton/NAME/{InitiativeBranches.IntegrationName}); choose another id");
        }

        if (existing.Contains(stream.Id, StringComparer.Ordinal))
        {
            throw BatonException.Invalid($"{at}stream id '{stream.Id}' is used twice; stream ids must be unique within an initiative");
        }
    }

    /// <summary>Checks the whole initiative, as it is about to start; throws invalid input naming the first problem.</summary>
    public static void Check(IReadOnlyList<StreamOutline> streams, int maxParallel, string where = "")
    {
        RequireMaxParallel(maxParallel, where);
        if (streams.Count == 0)
        {
            throw BatonException.Invalid($"{where}the initiative has no streams; add at least one foundation stream with its tasks");
        }

        if (streams.Count > MaxStreams)
        {
            throw BatonException.Invalid($"{where}the initiative has {streams.Count} streams; the limit is {MaxStreams}");
        }

        var ids = new List<string>();
        foreach (var stream in streams)
        {
            CheckStream(stream, ids);
            ids.Add(stream.Id);
        }

        foreach (var stream in streams)
        {
            foreach (var dependency in stream.DependsOn)
            {
                if (!ids.Contains(dependency, StringComparer.Ordinal))
                {
                    throw BatonException.Invalid($"{At(stream)}stream '{stream.Id}' depends on '{dependency}', which is not a stream of this initiative; the streams are {string.Join(", ", ids)}");
                }
            }

            if (stream.TaskCount == 0)
            {
                throw BatonException.Invalid($"{At(stream)}stream '{stream.Id}' has no tasks; give it at least one task (an agent and a prompt, or a command)");
            }
        }

        if (!streams.Any(s => s.Phase == StreamPhase.Foundation))
        {
            throw BatonException.Invalid($"{where}the initiative has no foundation stream; mark the stream the others build on with 'phase: foundation'");
        }

        var parallel = streams.Where(s => s.Phase == StreamPhase.Parallel).ToList();
        if (parallel.Count > maxParallel)
        {
            throw BatonException.Invalid($"{At(parallel[maxParallel])}the initiative has {parallel.Count} parallel streams ({string.Join(", ", parallel.Select(s => s.Id))}); "
                + $"at most {maxParallel} may run side by side: merge some, or raise max_parallel");
        }

        if (Cycle(streams) is { } cycle)
        {
            throw BatonException.Invalid($"{where}streams depend on each other in a cycle: {cycle}; remove one of these dependencies");
        }
    }

    /// <summary>The first dependency cycle among the streams as text (<c>a → b → a</c>), or null.</summary>
    public static string? Cycle(IReadOnlyList<StreamOutline> streams)
    {
        // The streams' dependencies are a graph of phases; the workflow rules find and spell its cycles.
        var now = DateTimeOffset.UnixEpoch;
        var workflow = new WorkflowRecord { Id = "initiative", Name = "initiative", Status = WorkflowState.Draft, CreatedAt = now, UpdatedAt = now };
        var phases = streams.Select((s, i) => new PhaseRecord { PhaseId = s.Id, Name = s.Id, DependsOn = s.DependsOn, Position = i, Status = WorkflowState.Draft }).ToList();
        return DependencyCycles.Find(new WorkflowSnapshot(workflow, phases, []));
    }

    private static string At(StreamOutline stream) => stream.Location.Length == 0 ? string.Empty : stream.Location + ": ";
}
