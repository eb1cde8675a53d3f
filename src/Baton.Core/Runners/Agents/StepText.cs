namespace Baton.Core.Runners.Agents;

/// <summary>Text helpers for describing an agent's steps in a few words.</summary>
internal static class StepText
{
    /// <summary>The first line of a command, with "..." if there were more.</summary>
    public static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        var newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? trimmed : trimmed[..newline] + " ...";
    }

    /// <summary>A path relative to the working directory when it lies inside it.</summary>
    public static string Relative(string path, string workingDirectory) =>
        Path.IsPathFullyQualified(path) && path.StartsWith(workingDirectory.TrimEnd('/') + "/", StringComparison.Ordinal)
            ? Path.GetRelativePath(workingDirectory, path)
            : path;
}
