namespace Baton.Mcp.Tools;

/// <summary>A tool argument that is missing, of the wrong type or out of range; the message names it.</summary>
internal sealed class ToolArgumentException(string message) : Exception(message);
