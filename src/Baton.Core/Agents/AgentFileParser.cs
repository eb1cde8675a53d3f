using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Baton.Core.Agents;

/// <summary>
/// Parses one agent file in Claude Code's format (YAML front matter, then the system prompt) plus Baton's keys.
/// Never throws for a bad file: every problem is returned with its file line and how to fix it. Keys Baton does
/// not use (color, skills, hooks, mcpServers, memory, isolation, ...) are accepted and ignored, as Claude Code
/// ignores keys it does not know.
/// </summary>
public static partial class AgentFileParser
{
    private const int MaxTimeoutSeconds = 30 * 24 * 3600;
    private const int MaxRetriesLimit = 100;

    // Spellings that are plainly meant as one of the keys Baton reads; silently ignoring them would hide the mistake.
    private static readonly Dictionary<string, string> Misspellings = new(StringComparer.Ordinal)
    {
        ["timeoutSeconds"] = "timeout_seconds",
        ["timeout-seconds"] = "timeout_seconds",
        ["maxRetries"] = "max_retries",
        ["max-retries"] = "max_retries",
        ["disallowed_tools"] = "disallowedTools",
        ["disallowed-tools"] = "disallowedTools",
        ["permission_mode"] = "permissionMode",
        ["max_turns"] = "maxTurns",
        ["agentMcp"] = "agent_mcp",
        ["agent-mcp"] = "agent_mcp",
        ["inputTimeoutSeconds"] = "input_timeout_seconds",
        ["input-timeout-seconds"] = "input_timeout_seconds",
        ["onInputTimeout"] = "on_input_timeout",
        ["on-input-timeout"] = "on_input_timeout",
    };

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    public static AgentParseResult Parse(string path, AgentSource source)
    {
        var file = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(new AgentProblem(file, 1, $"cannot read the file ({ex.Message}); check that it exists and is readable"));
        }

        return Parse(text, file, source);
    }

    /// <summary>Parses <paramref name="text"/>, the contents of the agent file at the absolute path <paramref name="file"/>.</summary>
    public static AgentParseResult Parse(string text, string file, AgentSource source)
    {
        var frontMatter = FrontMatter.Split(text, file, out var splitProblem);
        if (frontMatter is null)
        {
            return Failed(splitProblem!);
        }

        YamlNode? root;
        var scanner = new Scanner(new StringReader(frontMatter.Yaml));
        try
        {
            var stream = new YamlStream();
            stream.Load(new Parser(scanner));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            var (line, column) = Text.YamlErrorLocation.Of(ex, frontMatter.Yaml);
            return Failed(new AgentProblem(file, line + FrontMatter.LineOffset, SyntaxMessage(ex, column)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 fails this way on some truncated input (an unclosed "[" at the end), where the scanner gave
            // up at the end; the mistake is on the line that opened it.
            var opened = Text.YamlErrorLocation.UnclosedOpener(frontMatter.Yaml) ?? Math.Max(1, (int)scanner.CurrentPosition.Line);
            return Failed(new AgentProblem(file, opened + FrontMatter.LineOffset,
                "invalid YAML in the front matter: a '[', '{' or quote opened on this line is never closed; close it"));
        }

        var mapping = root switch
        {
            null => new YamlMappingNode(),
            YamlMappingNode m => m,
            YamlScalarNode { Value: null or "" or "~" or "null" } => new YamlMappingNode(),
            _ => null,
        };
        if (mapping is null)
        {
            return Failed(new AgentProblem(file, FrontMatterFields.LineOf(root!),
                $"the front matter must be 'key: value' lines (name: ..., description: ...), found {FrontMatterFields.Describe(root!)}"));
        }

        var problems = new List<AgentProblem>();
        var agent = Read(new FrontMatterFields(mapping, file, problems), frontMatter.Body, file, source, problems);
        return problems.Count > 0 ? new AgentParseResult(null, problems) : new AgentParseResult(agent, []);
    }

    private static AgentDefinition Read(FrontMatterFields fields, string body, string file, AgentSource source, List<AgentProblem> problems)
    {
        foreach (var key in fields.Keys.Where(Misspellings.ContainsKey).ToList())
        {
            fields.Report(key, $"unknown key '{key}'; the key is spelled '{Misspellings[key]}'");
        }

        var name = Required(fields, "name", "name: code-reviewer", file, problems);
        if (name is not null && name.Contains(':', StringComparison.Ordinal))
        {
            fields.Report("name", $"'name' must not contain ':' (found '{name}'); use letters, digits and hyphens, e.g. code-reviewer");
        }
        else if (name is not null && name.StartsWith('-'))
        {
            fields.Report("name", $"'name' must not start with '-' (found '{name}'); use letters, digits and hyphens, e.g. code-reviewer");
        }

        var description = Required(fields, "description", "description: Reviews diffs for bugs. Use after edits.", file, problems)
            ?.Replace("\\n", "\n", StringComparison.Ordinal);

        var runner = Optional(fields.Text("runner")) ?? AgentRunners.Default;
        if (!AgentRunners.IsKnown(runner))
        {
            fields.Report("runner", $"unknown runner '{runner}'; use one of: {string.Join(", ", AgentRunners.All)} (or omit 'runner' for claude)");
        }

        var tools = fields.Names("tools");
        return new AgentDefinition
        {
            Name = name ?? string.Empty,
            Description = description ?? string.Empty,
            SystemPrompt = body,
            Tools = tools is null || tools.Contains("*", StringComparer.Ordinal) ? null : tools,
            DisallowedTools = fields.Names("disallowedTools") ?? [],
            Model = Optional(fields.Text("model")),
            PermissionMode = Optional(fields.Text("permissionMode")),
            MaxTurns = fields.Integer("maxTurns", 1, int.MaxValue),
            Effort = Optional(fields.Text("effort")),
            Runner = runner,
            TimeoutSeconds = fields.Integer("timeout_seconds", 1, MaxTimeoutSeconds),
            MaxRetries = fields.Integer("max_retries", 0, MaxRetriesLimit),
            InputTimeoutSeconds = fields.Integer("input_timeout_seconds", 1, MaxTimeoutSeconds),
            OnInputTimeout = InputTimeout(fields),
            Worktree = fields.Flag("worktree") ?? false,
            AgentMcp = fields.Flag("agent_mcp") ?? true,
            Environment = fields.Map("env") ?? new Dictionary<string, string>(),
            SourcePath = file,
            Source = source,
        };
    }

    private static Interactions.InputTimeoutAction? InputTimeout(FrontMatterFields fields)
    {
        var text = Optional(fields.Text("on_input_timeout"));
        if (text is null)
        {
            return null;
        }

        if (Interactions.InputTimeoutActions.TryParse(text, out var action))
        {
            return action;
        }

        fields.Report("on_input_timeout", $"'on_input_timeout' must be one of {string.Join(", ", Interactions.InputTimeoutActions.AllNames)} (found '{text}')");
        return null;
    }

    private static string? Required(FrontMatterFields fields, string key, string example, string file, List<AgentProblem> problems)
    {
        var value = Optional(fields.Text(key));
        if (value is null && !fields.Has(key))
        {
            problems.Add(new AgentProblem(file, 1, $"missing required key '{key}': add a line such as '{example}' to the front matter"));
        }
        else if (value is null && fields.IsBlank(key))
        {
            fields.Report(key, $"'{key}' is empty; give it a value, e.g. '{example}'");
        }

        return value;
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string SyntaxMessage(YamlException ex, int column)
    {
        // YamlDotNet prefixes its message with "(Line: 2, Col: 14, Idx: 30) - (Line: ...): "; the line is reported separately.
        var reason = MarkPrefix().Replace(ex.Message, string.Empty).TrimEnd('.');
        var hint = reason.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase)
            ? "each key may appear once; remove or merge the repeated one"
            : reason.Contains("mapping", StringComparison.OrdinalIgnoreCase) && !reason.Contains("did not find expected key", StringComparison.Ordinal)
                ? "a value that contains ': ' must be in double quotes, e.g. description: \"Reviews code: diffs and PRs\""
                : "fix the YAML on this line: indent nested keys consistently with spaces, and quote values that contain ': ' or ' #' or start with [ { * & ! | > % @ `";
        return $"invalid YAML in the front matter (column {column}): {reason}; {hint}";
    }

    private static AgentParseResult Failed(AgentProblem problem) => new(null, [problem]);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
