namespace Baton.Core.Processes;

/// <summary>The program could not be started at all (missing, not executable, bad working directory).</summary>
public sealed class SpawnFailedException(string message) : Exception(message);
