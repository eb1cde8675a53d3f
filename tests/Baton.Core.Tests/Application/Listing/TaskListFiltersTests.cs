using Baton.Core.Application.Listing;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Tests.Application.Listing;

public sealed class TaskListFiltersTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_EveryFilter_SetOnTheQuery()
    {
        var query = TaskListFilters.Apply(new TaskQuery(), new TaskListFilter("failed, timed_out,failed", " reviewer ", "token:ci", "24h", "2030-01-01T11:00:00", "Deploy"), Now);

        Assert.Equal([TaskState.Failed, TaskState.TimedOut], query.AnyStatus);
        Assert.Equal(("reviewer", "token:ci", "Deploy"), (query.AgentName, query.CreatedBy, query.NameContains));
        Assert.Equal(Now.AddHours(-24), query.CreatedFrom);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 11, 0, 0, TimeSpan.Zero), query.CreatedBefore);
    }

    [Theory]
    [InlineData("failed,bogus", null, null, "status", "status 'bogus' is not one of")]
    [InlineData(null, "tomorrow", null, "since", "since 'tomorrow' is not a time")]
    [InlineData(null, "12", null, "since", "since '12' is not a time")]
    [InlineData(null, "1h", "2h", "until", "must be later than since")]
    public void Apply_BadValue_NamesTheFilter(string? status, string? since, string? until, string field, string message)
    {
        var error = Assert.Throws<TaskFilterException>(() => TaskListFilters.Apply(new TaskQuery(), new TaskListFilter(status, Since: since, Until: until), Now));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Statuses_OnTheQuery_IncludeTheSingleStatusOnce()
    {
        var query = new TaskQuery(TaskState.Failed) { AnyStatus = [TaskState.Failed, TaskState.Cancelled] };

        Assert.Equal([TaskState.Failed, TaskState.Cancelled], query.Statuses);
    }
}
