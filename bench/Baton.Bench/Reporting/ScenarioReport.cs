namespace Baton.Bench.Reporting;

/// <summary>What one scenario measured: its figures, and notes on what they include.</summary>
internal sealed class ScenarioReport(string title)
{
    private readonly List<Figure> figures = [];
    private readonly List<string> notes = [];

    public string Title { get; } = title;

    public IReadOnlyList<Figure> Figures => figures;

    public IReadOnlyList<string> Notes => notes;

    /// <summary>True if any figure missed its target.</summary>
    public bool Failed => figures.Any(f => f.Met == false);

    public ScenarioReport Add(Figure figure)
    {
        figures.Add(figure);
        return this;
    }

    public ScenarioReport Add(string label, string value) => Add(new Figure(label, value));

    public ScenarioReport Note(string text)
    {
        notes.Add(text);
        return this;
    }
}
