using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>
/// Turns what a person types for a task (a full id or a unique prefix of one) into the full id, so that every command
/// that names a task accepts the same shapes and says the same thing when it names none or several.
/// </summary>
/// <param name="store">The tasks, searched by id prefix.</param>
internal sealed class TaskIdResolver(ITaskStore store)
{
    /// <summary>Turns an id or a unique prefix of one into the full id.</summary>
    public async Task<string> ResolveAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var text = idOrPrefix.Trim().ToLowerInvariant();
        if (!TaskIds.LooksLikeIdOrPrefix(text))
        {
            throw BatonException.Invalid(
                $"'{idOrPrefix}' is not a task id; {TaskIds.Shape}, as printed by 'baton task add' or 'baton task list'");
        }

        if (text.Length == TaskIds.Length)
        {
            return text;
        }

        var matches = await store.FindIdsByPrefixAsync(text, 6, cancellationToken);
        return matches.Count switch
        {
            0 => throw NotFound(idOrPrefix),
            1 => matches[0],
            _ => throw BatonException.Invalid(
                $"'{idOrPrefix}' matches several tasks ({string.Join(", ", matches.Take(5))}{(matches.Count > 5 ? ", ..." : string.Empty)}); type more characters"),
        };
    }

    /// <summary>The error for a task id (or prefix) that names no task.</summary>
    public static BatonException NotFound(string idOrPrefix) =>
        BatonException.NotFound($"no task with id '{idOrPrefix}'; 'baton task list' shows recent tasks");
}
