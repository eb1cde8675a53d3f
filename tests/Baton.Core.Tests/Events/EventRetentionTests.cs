using System.Text.Json;
using Baton.Core.Errors;
using Baton.Core.Events;

namespace Baton.Core.Tests.Events;

public sealed class EventRetentionTests
{
    private static int Parse(string? json)
    {
        if (json is null)
        {
            return EventRetention.ParseDays(null, "baton.json");
        }

        using var document = JsonDocument.Parse(json);
        return EventRetention.ParseDays(document.RootElement.Clone(), "baton.json");
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("{}", 30)]
    [InlineData("""{"retention_days": 7}""", 7)]
    [InlineData("""{"retention_days": 1}""", 1)]
    public void ParseDays_ValidOrAbsent_GivesTheDays(string? json, int expected) => Assert.Equal(expected, Parse(json));

    [Theory]
    [InlineData("""{"retention_days": 0}""")]
    [InlineData("""{"retention_days": -3}""")]
    [InlineData("""{"retention_days": 1.5}""")]
    [InlineData("""{"retention_days": "30"}""")]
    public void ParseDays_BelowOneOrNotWhole_SaysHowToFix(string json) =>
        Assert.StartsWith(
            "baton.json: \"events.retention_days\" must be a whole number of days from 1 to 36500",
            Assert.Throws<BatonException>(() => Parse(json)).Message);

    [Fact]
    public void ParseDays_EventsNotAnObject_ShowsTheShape() =>
        Assert.Equal("baton.json: \"events\" must be an object, e.g. {\"retention_days\": 30}", Assert.Throws<BatonException>(() => Parse("30")).Message);
}
