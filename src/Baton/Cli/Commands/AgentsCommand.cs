using System.CommandLine;
using Baton.Core.Agents;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton agents [--json]</c>: the agent definitions Baton finds, the files it cannot use (exit code 2, so that
/// scripts notice) and the definitions hidden by another of the same name.
/// </summary>
internal static class AgentsCommand
{
    public static Command Create(Func<IReadOnlyList<string>> configuredDirectories)
    {
        var json = CommandAction.JsonOption();
        var command = new Command("agents", "List the agent definitions Baton finds") { json };
        CommandAction.Set(command, json, (r, _) =>
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
            var catalog = AgentCatalog.Load(AgentCatalog.DefaultDirectories(Environment.CurrentDirectory, home, configuredDirectories()));
            if (r.GetValue(json))
            {
                CliOutput.Json(AgentListView.Of(catalog), AgentListJsonContext.Default.AgentListView);
            }
            else
            {
                Print(catalog, new DisplayPath(Environment.CurrentDirectory, home));
            }

            return Task.FromResult(catalog.Problems.Count > 0 ? ExitCodes.InvalidInput : ExitCodes.Success);
        });
        return command;
    }

    private static void Print(AgentCatalog catalog, DisplayPath paths)
    {
        if (catalog.Agents.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No agent definitions found. Baton reads *.md files in:[/]");
            foreach (var directory in catalog.Directories)
            {
                AnsiConsole.MarkupLine($"[grey]  {Markup.Escape(paths.Show(directory.Path))} ({AgentListView.Wire(directory.Source)})[/]");
            }
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn(new TableColumn("NAME").NoWrap()).AddColumn("RUNNER").AddColumn("MODEL").AddColumn("SOURCE").AddColumn("FILE");
            foreach (var agent in catalog.Agents)
            {
                table.AddRow(Markup.Escape(agent.Name), Markup.Escape(agent.Runner), Markup.Escape(agent.Model ?? "-"),
                    AgentListView.Wire(agent.Source), Markup.Escape(paths.Show(agent.SourcePath)));
            }

            AnsiConsole.Write(table);
        }

        foreach (var problem in catalog.Problems)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape($"{paths.Show(problem.File)}:{problem.Line}: {problem.Message}")}[/]");
        }

        foreach (var s in catalog.Shadowed)
        {
            AnsiConsole.MarkupLine(Markup.Escape(
                $"{paths.Show(s.Path)}: agent '{s.Name}' ({AgentListView.Wire(s.Source)}) is not used; "
                + $"{paths.Show(s.WinnerPath)} ({AgentListView.Wire(s.WinnerSource)}) defines it too and takes precedence"));
        }
    }

    /// <summary>Paths as a person reads them: relative under the working directory, <c>~/</c> under home.</summary>
    private sealed class DisplayPath(string workingDirectory, string home)
    {
        public string Show(string path)
        {
            var shown = path;
            if (IsUnder(path, workingDirectory))
            {
                shown = Path.GetRelativePath(workingDirectory, path);
            }

            if (home.Length > 0 && IsUnder(path, home) && Path.GetRelativePath(home, path).Length + 2 < shown.Length)
            {
                shown = "~/" + Path.GetRelativePath(home, path);
            }

            return shown;
        }

        private static bool IsUnder(string path, string directory) =>
            path.StartsWith(Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
