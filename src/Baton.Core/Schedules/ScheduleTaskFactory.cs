using Baton.Core.Application;
using Baton.Core.Tasks;

namespace Baton.Core.Schedules;

/// <summary>
/// Builds and checks the task of a schedule's request as any front end would (agents resolved from its working
/// directory, the runner and program checked); throws <see cref="Errors.BatonException"/> for a problem. It runs at
/// every firing, so a schedule whose agent was removed records a failed occurrence with the reason.
/// </summary>
public delegate TaskDefinition ScheduleTaskFactory(TaskRequest request);
