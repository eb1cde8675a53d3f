namespace Baton.Core.Attempts;

/// <summary>What a running agent said of its own progress through Baton's <c>progress_update</c> tool.</summary>
/// <param name="Percent">How far along it says it is, 0 to 100.</param>
/// <param name="Step">What it is doing, in its own words.</param>
/// <param name="At">When it said so.</param>
public sealed record AgentReport(int Percent, string Step, DateTimeOffset At)
{
    /// <summary>The longest step text an agent may give.</summary>
    public const int MaxStepLength = 200;
}
