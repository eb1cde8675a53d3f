using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Schedules;

namespace Baton.Daemon;

/// <summary>
/// How a schedule's task request becomes a task, the same way for the CLI and the daemon: the agent resolved from
/// the task's working directory and baton.json's agent folders, then the checks every queued task passes.
/// </summary>
internal static class ScheduleTasks
{
    public static ScheduleTaskFactory Factory(BatonSettings settings, TaskService tasks) => request =>
    {
        var directory = request.WorkingDirectory ?? Environment.GetEnvironmentVariable("HOME") ?? "/";
        var definition = TaskPreparation.Builder(settings.AgentDirectories, directory).Build(request);
        tasks.Validate(definition, Environment.GetEnvironmentVariable("PATH"));
        return definition;
    };
}
