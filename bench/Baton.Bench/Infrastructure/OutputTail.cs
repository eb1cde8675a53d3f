using System.Text;

namespace Baton.Bench.Infrastructure;

/// <summary>Drains a child's output so that it never blocks on a full pipe, keeping the last lines for error messages.</summary>
internal sealed class OutputTail
{
    private const int MaxLines = 20;
    private readonly Lock gate = new();
    private readonly Queue<string> lines = new();

    public async Task DrainAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (gate)
            {
                lines.Enqueue(line);
                if (lines.Count > MaxLines)
                {
                    lines.Dequeue();
                }
            }
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            return new StringBuilder().AppendJoin('\n', lines).ToString();
        }
    }
}
