namespace Baton.Core.Agents;

/// <summary>
/// An agent file split into its YAML front matter (between a first line <c>---</c> and the next <c>---</c> line) and
/// its body. The YAML starts on the file's line 2, so a YAML line number plus <see cref="LineOffset"/> is a file line.
/// </summary>
internal sealed record FrontMatter(string Yaml, string Body)
{
    public const int LineOffset = 1;

    private const string Fence = "---";

    /// <summary>Splits <paramref name="text"/>, or returns null with the problem.</summary>
    public static FrontMatter? Split(string text, string file, out AgentProblem? problem)
    {
        // CRLF files (Git for Windows' default checkout) must parse the same as LF ones.
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        if (!IsFence(lines[0]))
        {
            problem = new AgentProblem(file, 1, "no front matter: an agent file must start with a line '---', then YAML keys "
                + "(at least 'name:' and 'description:'), then a line '---', then the system prompt");
            return null;
        }

        var close = Array.FindIndex(lines, 1, IsFence);
        if (close < 0)
        {
            problem = new AgentProblem(file, 1, "the front matter opened on this line is never closed: add a line '---' after the last key, "
                + "before the system prompt");
            return null;
        }

        problem = null;
        return new FrontMatter(string.Join('\n', lines[1..close]), string.Join('\n', lines[(close + 1)..]).Trim());
    }

    private static bool IsFence(string line) => line.TrimEnd() == Fence;
}
