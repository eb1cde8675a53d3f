using Baton.Core.Agents;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Agents;

/// <summary>Writes agent files into a temp directory and parses them as Baton does.</summary>
internal static class AgentFiles
{
    public static string Write(string directory, string fileName, string content)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A minimal valid file for <paramref name="name"/>.</summary>
    public static string Valid(string name, string extra = "") =>
        $"---\nname: {name}\ndescription: The {name} agent.\n{extra}---\nYou are {name}.\n";

    public static AgentParseResult Parse(TempDirectory directory, string content, string fileName = "agent.md") =>
        AgentFileParser.Parse(Write(directory.Path, fileName, content), AgentSource.Project);

    public static AgentDefinition ParseValid(TempDirectory directory, string content)
    {
        var result = Parse(directory, content);
        Assert.Empty(result.Problems);
        return Assert.IsType<AgentDefinition>(result.Agent);
    }

    public static AgentProblem ParseSingleProblem(TempDirectory directory, string content)
    {
        var result = Parse(directory, content);
        Assert.Null(result.Agent);
        return Assert.Single(result.Problems);
    }
}
