using System.CommandLine;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Baton.Core.Interactions;

namespace Baton.Cli.Commands;

/// <summary>What approve, deny and answer share: finding the interaction, answering it, and saying what happened.</summary>
internal static class TaskAnswering
{
    public static Argument<string> IdArgument() => new("id")
    {
        Description = "Task id or prefix (its open interaction), or an interaction id (in_..., as 'baton inbox' prints it)",
    };

    /// <summary>A message option's text: null when not given, refused when blank (the application layer bounds its length).</summary>
    public static string? Text(string? text, string option) => text switch
    {
        null => null,
        _ when string.IsNullOrWhiteSpace(text) => throw BatonException.Invalid($"{option} is empty; leave it out or say something"),
        _ => text,
    };

    public static async Task<int> RespondAsync(ParseResult r, string id, Option<bool> json, Func<InteractionRecord, InteractionReply> reply, CancellationToken cancellationToken)
    {
        var runtime = await CliRuntime.OpenAsync(cancellationToken);
        var interaction = await InteractionTarget.FindAsync(runtime, id, cancellationToken);
        var answered = await runtime.Interactions.RespondAsync(interaction.Id, reply(interaction), CliRuntime.Caller, cancellationToken);
        var view = InteractionViews.Of(answered, TimeProvider.System.GetUtcNow());
        if (r.GetValue(json))
        {
            CliOutput.Json(view, ViewJsonContext.Default.InteractionView);
        }
        else
        {
            Console.Out.WriteLine(Said(answered));
        }

        return ExitCodes.Success;
    }

    private static string Said(InteractionRecord answered)
    {
        var decision = answered.Response!.Decision switch
        {
            InteractionDecision.Approve => answered.Response.Remember ? "Approved (always, for the rest of the session)" : "Approved",
            InteractionDecision.Deny => "Denied",
            _ => "Answered",
        };
        var whose = answered.TaskId is { } task ? $"task {task}" : $"workflow {answered.WorkflowId}, phase {answered.PhaseId}";
        return $"{decision} {answered.Id} ({answered.Ask.Summary}) for {whose}; the agent carries on ('baton task status {answered.TaskId}')";
    }
}
