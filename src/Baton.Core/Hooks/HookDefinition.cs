using Baton.Core.Events;

namespace Baton.Core.Hooks;

/// <summary>A local hook from baton.json: a shell command the daemon runs for each event of the given types.</summary>
/// <param name="Index">Its place in baton.json's <c>hooks</c> list (hooks[0] first), as logs name it.</param>
/// <param name="Types">Event types and families (<c>task.*</c>) it runs for; null for every event.</param>
/// <param name="Command">Run with <c>/bin/sh -c</c>.</param>
/// <param name="Timeout">After this the hook's whole process group is stopped.</param>
public sealed record HookDefinition(int Index, IReadOnlyList<string>? Types, string Command, TimeSpan Timeout)
{
    /// <summary>How long a hook may run unless baton.json says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The events it runs for.</summary>
    public EventFilter Filter { get; } = new(Types: Types);

    /// <summary>How logs name it: <c>hooks[0]</c>.</summary>
    public string Name => $"hooks[{Index}]";
}
