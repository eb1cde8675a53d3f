using System.CommandLine;
using Baton.Configuration;

namespace Baton.Cli;

/// <summary>The node's options of <c>baton serve</c> and <c>baton worker</c>: --name and the repeatable --label.</summary>
internal sealed class NodeOptions
{
    private readonly Option<string?> name = new("--name") { Description = "This node's name among the workers (default: BATON_WORKER_NAME, else the host name)", HelpName = "NAME" };
    private readonly Option<string[]> labels = new("--label")
    {
        Description = "A label of this worker, key or key=value (repeatable; default: BATON_WORKER_LABELS, comma-separated); it runs only tasks whose requires_labels it has",
        HelpName = "LABEL",
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(name);
        command.Options.Add(labels);
    }

    public NodeFlags Read(ParseResult r) => new(r.GetValue(name), r.GetValue(labels) ?? []);
}
