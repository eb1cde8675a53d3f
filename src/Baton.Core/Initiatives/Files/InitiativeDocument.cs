using Baton.Core.Application;
using Baton.Core.Errors;

namespace Baton.Core.Initiatives.Files;

/// <summary>An initiative file, parsed and checked by <see cref="InitiativeFile.Parse"/>.</summary>
/// <param name="Name">The initiative's name.</param>
/// <param name="Repository">The repository as written (relative to the file's directory), or null for the file's own repository.</param>
/// <param name="Base">The ref the initiative's branch starts from, or null.</param>
/// <param name="MaxParallel">The limit on parallel streams.</param>
/// <param name="Streams">Its streams in file order.</param>
public sealed record InitiativeDocument(string Name, string? Repository, string? Base, int MaxParallel, IReadOnlyList<StreamDocument> Streams)
{
    /// <summary>
    /// The definition to store, on <paramref name="repository"/> (the resolved top-level directory): each task built by
    /// <paramref name="builder"/> (which resolves agents), working in the repository; an error of a task names its line.
    /// </summary>
    public InitiativeDefinition ToDefinition(string repository, TaskRequestBuilder builder)
    {
        var streams = Streams.Select(stream => new StreamDefinition(stream.Id, stream.Name, stream.Phase, stream.DependsOn, [.. stream.Tasks.Select(task =>
        {
            try
            {
                return builder.Build(task.Request with { WorkingDirectory = repository });
            }
            catch (BatonException ex)
            {
                throw new BatonException(ex.Kind, $"{task.Location}: task '{task.Request.Name ?? task.Key ?? "(unnamed)"}': {ex.Message}", ex);
            }
        })])).ToList();
        return new InitiativeDefinition(Name, repository, Base, MaxParallel, streams);
    }
}
