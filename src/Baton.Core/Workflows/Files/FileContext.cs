using Baton.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace Baton.Core.Workflows.Files;

/// <summary>
/// What every read of one workflow file shares: the name errors start with, and the variables that fill
/// <c>{{vars.NAME}}</c> placeholders.
/// </summary>
internal sealed class FileContext(string sourceName, WorkflowVariables variables)
{
    public string SourceName { get; } = sourceName;

    public WorkflowVariables Variables { get; } = variables;

    /// <summary>An invalid-input error located at <paramref name="node"/>'s line: <c>feature.yaml:12: ...</c>.</summary>
    public BatonException Error(YamlNode node, string message) => Error(LineOf(node), message);

    /// <summary>An invalid-input error located at <paramref name="line"/>, or at the file when the line is unknown.</summary>
    public BatonException Error(int? line, string message) =>
        BatonException.Invalid(line is { } at ? $"{SourceName}:{at}: {message}" : $"{SourceName}: {message}");

    /// <summary>The 1-based line a node starts on.</summary>
    public static int LineOf(YamlNode node) => Math.Max(1, (int)node.Start.Line);
}
