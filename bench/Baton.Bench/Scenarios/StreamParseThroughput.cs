using System.Text;
using Baton.Bench.Infrastructure;
using Baton.Bench.Measurement;
using Baton.Bench.Reporting;
using Baton.Core.Processes;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Claude;

namespace Baton.Bench.Scenarios;

/// <summary>7. Claude stream-json through LineSplitter and ClaudeStreamParser on one thread, as the runner's stdout pump does it.</summary>
internal sealed class StreamParseThroughput(TimeProvider time) : IScenario
{
    private const int TranscriptBytes = 64 * 1024 * 1024;
    private const int ChunkBytes = 64 * 1024;
    private const int Rounds = 3;
    private const double TargetMibPerSecond = 50;
    private const double Mebibyte = 1024 * 1024;

    public string Name => "stream-parse";

    public string Title => "7. Stream-json parsing throughput (LineSplitter → ClaudeStreamParser, one thread)";

    public Task<ScenarioReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var capture = ClaudeCapture.ToolRun();
        var transcript = Transcript(capture);

        var warmUp = Parse(transcript, capture.WorkingDirectory);
        if (warmUp.Malformed != 0 || warmUp.Progress?.SessionId != capture.SessionId)
        {
            throw new InvalidOperationException($"the parser did not follow the transcript: {warmUp.Malformed} malformed lines, session {warmUp.Progress?.SessionId}");
        }

        var best = TimeSpan.MaxValue;
        long allocated = 0;
        for (var round = 0; round < Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var begun = time.GetTimestamp();
            Parse(transcript, capture.WorkingDirectory);
            var elapsed = time.GetElapsedTime(begun);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            best = elapsed < best ? elapsed : best;
        }

        var seconds = best.TotalSeconds;
        var report = new ScenarioReport(Title)
            .Add("transcript", $"{Units.Megabytes(transcript.Length)}, {Units.Count(warmUp.Lines)} lines")
            .Add(Figure.AtLeast($"throughput, best of {Rounds}", transcript.Length / Mebibyte / seconds, TargetMibPerSecond, MibPerSecond))
            .Add("lines per second", Units.Rate(warmUp.Lines / seconds, "lines"))
            .Add("allocated per line (last round)", $"{allocated / (double)warmUp.Lines:0} B")
            .Note($"captured {capture.Version} tool-run lines (init {Encoding.UTF8.GetByteCount(capture.Init):N0} B, result {Encoding.UTF8.GetByteCount(capture.Result):N0} B, and the assistant/user lines) repeated;")
            .Note($"fed in {ChunkBytes / 1024} KiB chunks as the stdout pump reads them; progress read whenever Consume reports a change; one warm-up pass");
        return Task.FromResult(report);
    }

    private static ParseResult Parse(byte[] transcript, string workingDirectory)
    {
        var parser = new ClaudeStreamParser(workingDirectory);
        AgentProgress? progress = null;
        var lines = 0L;
        var splitter = new LineSplitter(line =>
        {
            lines++;
            if (parser.Consume(line))
            {
                progress = parser.Progress;
            }
        });
        for (var offset = 0; offset < transcript.Length; offset += ChunkBytes)
        {
            splitter.Write(transcript.AsSpan(offset, Math.Min(ChunkBytes, transcript.Length - offset)));
        }

        splitter.Flush();
        return new ParseResult(lines, parser.MalformedLines, progress);
    }

    /// <summary>The capture's lines, whole runs of them, repeated to about <see cref="TranscriptBytes"/>.</summary>
    private static byte[] Transcript(ClaudeCapture capture)
    {
        var run = Encoding.UTF8.GetBytes(string.Concat(capture.Lines.Select(line => line + "\n")));
        var transcript = new byte[TranscriptBytes / run.Length * run.Length];
        for (var offset = 0; offset < transcript.Length; offset += run.Length)
        {
            run.CopyTo(transcript, offset);
        }

        return transcript;
    }

    private static string MibPerSecond(double value) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value:0.0} MiB/s");

    private sealed record ParseResult(long Lines, int Malformed, AgentProgress? Progress);
}
