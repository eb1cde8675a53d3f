namespace Baton.Mcp.Setup;

/// <summary>What writing Baton's entry into a client's configuration did.</summary>
internal enum McpSetupOutcome
{
    /// <summary>The entry was not there and was added.</summary>
    Added,
    /// <summary>A different Baton entry was there and was replaced.</summary>
    Updated,
    /// <summary>The same entry was there already; nothing was written.</summary>
    Unchanged,
}
