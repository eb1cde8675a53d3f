using System.CommandLine;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Workflows;

namespace Baton.Cli.Commands;

/// <summary><c>baton workflow create NAME</c>: an empty draft workflow to build step by step; prints its id.</summary>
internal static class WorkflowCreateCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "A short name for the workflow" };
        var description = new Option<string?>("--description") { Description = "What the workflow is for", HelpName = "TEXT" };
        var policy = new Option<string>("--failure-policy")
        {
            Description = "fail_fast: the first task that fails for good cancels what has not started; continue: independent branches go on",
            DefaultValueFactory = _ => FailurePolicy.FailFast.ToWire(),
        };
        policy.AcceptOnlyFromAmong([.. FailurePolicies.AllNames]);
        var webhookUrl = new Option<string?>("--webhook-url")
        {
            Description = "POST the workflow's and phases' changes, its tasks' ends and milestones to this URL (a new URL's signing secret is printed once)",
            HelpName = "URL",
        };
        var budget = WorkflowBudgetOption.Create("The most all the workflow's tasks may cost together (USD, estimated for Codex and Gemini); past it a person is asked to raise it, approve once, or cancel");
        var json = CommandAction.JsonOption();
        var command = new Command("create", "Create an empty draft workflow; add phases and tasks, then start it. Prints the workflow id")
        {
            name, description, policy, webhookUrl, budget, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            FailurePolicies.TryParse(r.GetValue(policy), out var failurePolicy);
            var runtime = await CliRuntime.OpenAsync(ct);
            var url = r.GetValue(webhookUrl);
            var webhooks = url is null ? null : (await WebhookCommand.OpenAsync(ct)).Webhooks;
            webhooks?.CheckUrl(url, "--webhook-url");
            var workflow = await runtime.Workflows.CreateAsync(new WorkflowSettings(r.GetRequiredValue(name), r.GetValue(description), failurePolicy, CreatedBy: CliRuntime.Caller, BudgetUsd: r.GetValue(budget)), ct);
            // A draft has no events until it starts, so subscribing right after creating it misses nothing.
            var secret = webhooks is null ? null : (await webhooks.SubscribeWorkflowAsync(url!, workflow.Id, CliRuntime.Caller, ct)).NewSecret;
            var message = $"Workflow {workflow.Id} created (draft); add phases with 'baton workflow add-phase {workflow.Id} PHASE_ID', "
                + $"tasks with 'baton workflow add-task {workflow.Id} PHASE_ID ...', then 'baton workflow start {workflow.Id}'";
            if (r.GetValue(json))
            {
                CliOutput.Json(new WorkflowCreatedView(workflow.Id, workflow.Status.ToWire(), message, secret), ViewJsonContext.Default.WorkflowCreatedView);
            }
            else
            {
                Console.Out.WriteLine(workflow.Id);
                CliOutput.Note(message);
                if (secret is not null)
                {
                    CliOutput.Note($"Webhook signing secret for {url} (shown only this once): {secret}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
