using Baton.Core.Errors;
using Baton.Core.Initiatives;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Application;

/// <summary>
/// Initiatives as people handle them: created whole from a file or step by step (streams, then their tasks), started
/// as one workflow planned by <see cref="InitiativeHooks.Plan"/>, shown per stream, cancelled, archived. Starting is
/// safe to repeat: the workflow's id derives from the initiative's, and the store keeps the first workflow.
/// </summary>
public sealed class InitiativeService(IInitiativeStore store, WorkflowService workflows, InitiativeHooks hooks, TimeProvider time)
{
    /// <summary>Creates an initiative that has not started: its name and repository are checked, its streams may come later.</summary>
    public async Task<InitiativeRecord> CreateAsync(InitiativeDefinition definition, string? createdBy, CancellationToken cancellationToken = default)
    {
        InitiativeNames.RequireName(definition.Name);
        InitiativeRules.RequireMaxParallel(definition.MaxParallel);
        var repository = await InitiativeRepository.ResolveAsync(definition.Repository, cancellationToken);
        var record = new InitiativeRecord(InitiativeIds.New(), definition with { Repository = repository }, null, time.GetUtcNow(), createdBy, null);
        return await store.AddAsync(record, cancellationToken)
            ? record
            : throw BatonException.Conflict($"an initiative named '{definition.Name}' exists already; choose another name, or archive and rename the old one");
    }

    /// <summary>Checks, creates and starts a whole initiative (from a file) in one step.</summary>
    public async Task<InitiativeStatus> RunAsync(InitiativeDefinition definition, string? createdBy, string? searchPath, CancellationToken cancellationToken = default)
    {
        InitiativeRules.Check([.. definition.Streams.Select(StreamOutline.Of)], definition.MaxParallel);
        var record = await CreateAsync(definition, createdBy, cancellationToken);
        return await StartAsync(record.Id, searchPath, cancellationToken);
    }

    /// <summary>Adds a stream (without tasks yet) to an initiative that has not started.</summary>
    public async Task<InitiativeRecord> AddStreamAsync(string idOrName, StreamDefinition stream, CancellationToken cancellationToken = default)
    {
        var record = await RequireDraftAsync(idOrName, cancellationToken);
        var ids = record.Definition.Streams.Select(s => s.Id).ToList();
        InitiativeRules.CheckStream(StreamOutline.Of(stream), ids);
        if (stream.DependsOn.FirstOrDefault(d => !ids.Contains(d, StringComparer.Ordinal)) is { } unknown)
        {
            throw BatonException.Invalid($"stream '{stream.Id}' depends on '{unknown}', which is not a stream of {record.Name} yet; "
                + (ids.Count == 0 ? "add that stream first" : $"its streams are {string.Join(", ", ids)}"));
        }

        return await SaveAsync(record, record.Definition with { Streams = [.. record.Definition.Streams, stream] }, cancellationToken);
    }

    /// <summary>Appends a task to a stream of an initiative that has not started; it will work in the stream's worktree.</summary>
    public async Task<InitiativeRecord> AddTaskAsync(string idOrName, string streamId, TaskDefinition task, CancellationToken cancellationToken = default)
    {
        var record = await RequireDraftAsync(idOrName, cancellationToken);
        var stream = record.Definition.Streams.FirstOrDefault(s => s.Id == streamId)
            ?? throw BatonException.NotFound($"initiative {record.Name} has no stream '{streamId}'"
                + (record.Definition.Streams.Count == 0 ? "; add one with 'baton stream add'" : $"; its streams are {string.Join(", ", record.Definition.Streams.Select(s => s.Id))}"));
        var added = task with { WorkingDirectory = record.Definition.Repository, DependsOn = [], WorkflowId = null, PhaseId = null };
        var streams = record.Definition.Streams.Select(s => s.Id == streamId ? s with { Tasks = [.. s.Tasks, added] } : s).ToList();
        return await SaveAsync(record, record.Definition with { Streams = streams }, cancellationToken);
    }

    /// <summary>
    /// Starts an initiative: checks its streams, plans its workflow and creates it started, then records it. A start
    /// repeated after a crash between the two writes finds the workflow the first made and records that one.
    /// </summary>
    public async Task<InitiativeStatus> StartAsync(string idOrName, string? searchPath, CancellationToken cancellationToken = default)
    {
        var record = await CheckStartableAsync(idOrName, cancellationToken);
        var blueprint = hooks.Plan(record, time.GetUtcNow());
        var workflow = await workflows.RunAsync(blueprint, searchPath, cancellationToken);
        if (!await store.SetWorkflowAsync(record.Id, workflow.Id, cancellationToken))
        {
            throw BatonException.Conflict($"initiative {record.Name} was started by someone else meanwhile; see 'baton initiative status {record.Id}'");
        }

        return await StatusAsync(record with { WorkflowId = workflow.Id }, cancellationToken);
    }

    /// <summary>The initiative if it can start now (not archived, not started, its streams keep the rules); throws saying why not.</summary>
    public async Task<InitiativeRecord> CheckStartableAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var record = await ResolveAsync(idOrName, cancellationToken);
        if (record.ArchivedAt is not null)
        {
            throw BatonException.Conflict($"initiative {record.Name} is archived; unarchive it first ('baton initiative unarchive {record.Id}')");
        }

        if (record.WorkflowId is not null)
        {
            throw BatonException.Conflict($"initiative {record.Name} started already (workflow {record.WorkflowId}); follow it with 'baton initiative status {record.Id}'");
        }

        InitiativeRules.Check([.. record.Definition.Streams.Select(StreamOutline.Of)], record.Definition.MaxParallel);
        return record;
    }

    /// <summary>The initiative with each stream's progress.</summary>
    public async Task<InitiativeStatus> GetAsync(string idOrName, CancellationToken cancellationToken = default) =>
        await StatusAsync(await ResolveAsync(idOrName, cancellationToken), cancellationToken);

    /// <summary>Initiatives, newest first, with their streams' progress; archived ones only with <paramref name="includeArchived"/>.</summary>
    public async Task<IReadOnlyList<InitiativeStatus>> ListAsync(bool includeArchived, CancellationToken cancellationToken = default)
    {
        var list = new List<InitiativeStatus>();
        foreach (var record in await store.ListAsync(includeArchived, cancellationToken))
        {
            list.Add(await StatusAsync(record, cancellationToken));
        }

        return list;
    }

    /// <summary>
    /// The initiative whose streams <c>/api/streams</c> and <c>stream_list</c> show: the one named, else the newest
    /// unarchived one that is running, else the newest unarchived one; null when there is none.
    /// </summary>
    public async Task<InitiativeStatus?> CurrentAsync(string? idOrName, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(idOrName))
        {
            return await GetAsync(idOrName.Trim(), cancellationToken);
        }

        var all = await ListAsync(includeArchived: false, cancellationToken);
        return all.FirstOrDefault(i => i.Status == WorkflowState.Running.ToWire()) ?? all.FirstOrDefault();
    }

    /// <summary>Cancels the initiative's workflow: what has not finished is cancelled, running tasks are stopped.</summary>
    public async Task<InitiativeStatus> CancelAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var record = await ResolveAsync(idOrName, cancellationToken);
        if (record.WorkflowId is not { } workflowId)
        {
            throw BatonException.Conflict($"initiative {record.Name} has not started; there is nothing to cancel (archive it to put it away)");
        }

        await workflows.CancelAsync(workflowId, cancellationToken);
        return await StatusAsync(record, cancellationToken);
    }

    /// <summary>Archives an initiative that ended (or never started): its worktrees are removed, its branches kept.</summary>
    public async Task<InitiativeStatus> ArchiveAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var record = await ResolveAsync(idOrName, cancellationToken);
        var status = await StatusAsync(record, cancellationToken);
        if (!status.CanArchive)
        {
            throw BatonException.Conflict($"initiative {record.Name} is {status.Status}; archive it once it ended, or cancel it first ('baton initiative cancel {record.Id}')");
        }

        if (record.ArchivedAt is not null)
        {
            return status;
        }

        await hooks.Archive(record, cancellationToken);
        var now = time.GetUtcNow();
        return await store.SetArchivedAsync(record.Id, now, cancellationToken)
            ? status with { Initiative = record with { ArchivedAt = now } }
            : throw NotFound(idOrName);
    }

    /// <summary>Brings an archived initiative back into lists (its worktrees are not recreated).</summary>
    public async Task<InitiativeStatus> UnarchiveAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var record = await ResolveAsync(idOrName, cancellationToken);
        if (record.ArchivedAt is not null && !await store.SetArchivedAsync(record.Id, null, cancellationToken))
        {
            throw NotFound(idOrName);
        }

        return await StatusAsync(record with { ArchivedAt = null }, cancellationToken);
    }

    /// <summary>The initiative named by its id or its name.</summary>
    public async Task<InitiativeRecord> ResolveAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var record = InitiativeIds.LooksLikeId(idOrName)
            ? await store.GetAsync(idOrName, cancellationToken)
            : await store.GetByNameAsync(idOrName, cancellationToken);
        return record ?? throw NotFound(idOrName);
    }

    private async Task<InitiativeStatus> StatusAsync(InitiativeRecord record, CancellationToken cancellationToken)
    {
        if (record.WorkflowId is not { } workflowId)
        {
            return new InitiativeStatus(record, InitiativeStatus.Draft, InitiativeProgress.Of(record, null, s => hooks.Worktree(record, s))) { CanArchive = true };
        }

        var contents = (await workflows.GetAsync(workflowId, cancellationToken)).Contents;
        return new InitiativeStatus(record, contents.Workflow.Status.ToWire(), InitiativeProgress.Of(record, contents, s => hooks.Worktree(record, s)))
        {
            CanArchive = contents.Workflow.Status.IsEnded(),
        };
    }

    private async Task<InitiativeRecord> RequireDraftAsync(string idOrName, CancellationToken cancellationToken)
    {
        var record = await ResolveAsync(idOrName, cancellationToken);
        return record.WorkflowId is null
            ? record
            : throw BatonException.Conflict($"initiative {record.Name} started already; streams and tasks can only be added before 'baton initiative start'");
    }

    private async Task<InitiativeRecord> SaveAsync(InitiativeRecord record, InitiativeDefinition definition, CancellationToken cancellationToken)
    {
        if (definition.Streams.Count > InitiativeRules.MaxStreams)
        {
            throw BatonException.Invalid($"initiative {record.Name} has {InitiativeRules.MaxStreams} streams, the limit");
        }

        return await store.UpdateDefinitionAsync(record.Id, definition, cancellationToken)
            ? record with { Definition = definition }
            : throw BatonException.Conflict($"initiative {record.Name} started meanwhile; streams and tasks can only be added before it starts");
    }

    private static BatonException NotFound(string idOrName) =>
        BatonException.NotFound($"no initiative '{idOrName}'; see 'baton initiative list --all' ({InitiativeIds.Shape})");
}
