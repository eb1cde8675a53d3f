using Baton.Core.Initiatives;

namespace Baton.Core.Storage;

/// <summary>
/// Initiatives: their definitions, the workflow that runs each once started, and whether they are archived. The
/// workflow itself lives in <see cref="IWorkflowStore"/>; its id derives from the initiative's, so that starting twice
/// (a retry after a crash between the two writes) finds the first workflow rather than creating a second.
/// </summary>
public interface IInitiativeStore
{
    /// <summary>Adds an initiative; false if one of that name exists.</summary>
    Task<bool> AddAsync(InitiativeRecord initiative, CancellationToken cancellationToken = default);

    /// <summary>The initiative with this id, or null.</summary>
    Task<InitiativeRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The initiative with this name, or null.</summary>
    Task<InitiativeRecord?> GetByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Initiatives, newest first; archived ones only with <paramref name="includeArchived"/>.</summary>
    Task<IReadOnlyList<InitiativeRecord>> ListAsync(bool includeArchived, CancellationToken cancellationToken = default);

    /// <summary>Replaces the definition of an initiative that has not started; false if it started meanwhile or is gone.</summary>
    Task<bool> UpdateDefinitionAsync(string id, InitiativeDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the workflow that runs the initiative; true if it is now <paramref name="workflowId"/> (set now, or
    /// before to the same id), false if another workflow was recorded or the initiative is gone.
    /// </summary>
    Task<bool> SetWorkflowAsync(string id, string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Archives (a time) or unarchives (null) the initiative; false if it is gone.</summary>
    Task<bool> SetArchivedAsync(string id, DateTimeOffset? archivedAt, CancellationToken cancellationToken = default);
}
