using System.Text;

namespace Baton.Bench.Infrastructure;

/// <summary>
/// Stand-ins for the <c>claude</c> CLI, written as <c>/bin/sh</c> scripts into a scenario's directory. They speak
/// stream-json with lines copied from a real capture, and print the session id that Baton passed with
/// <c>--session-id</c> in their init and result lines.
/// </summary>
internal static class FakeClaude
{
    /// <summary>
    /// Reads the prompt into <c>$prompt</c>: to EOF when Baton sends it as text, or up to the stream-json user line when
    /// it runs the CLI interactively (initialize, then the prompt, stdin left open for answers until the result).
    /// </summary>
    public const string ReadPrompt = """
        prompt=
        while IFS= read -r line || [ -n "$line" ]; do
          prompt="$prompt$line"
          case "$line" in *'"type":"user"'*) break ;; esac
        done
        """;

    /// <summary>Reads the prompt, prints the captured success result line, exits 0.</summary>
    public static string WriteQuick(string path, ClaudeCapture capture) =>
        Write(path, $$"""
            {{ReadPrompt}}
            {{PrintWithSession(capture.Result, capture.SessionId)}}
            """);

    /// <summary>
    /// Reads the prompt, "blocks=N" (as text or inside the stream-json user line), from stdin; leaves a file named after its session in <paramref name="startedDirectory"/>;
    /// waits until <paramref name="goFile"/> exists; prints the init line, N copies of <paramref name="blockFile"/> and the result.
    /// </summary>
    public static string WriteStreaming(string path, ClaudeCapture capture, string blockFile, string startedDirectory, string goFile) =>
        Write(path, $$"""
            {{ReadPrompt}}
            blocks=$(printf '%s' "$prompt" | sed -n 's/.*blocks=\([0-9]*\).*/\1/p')
            : > {{Quote(startedDirectory)}}/"$sid"
            while [ ! -e {{Quote(goFile)}} ]; do sleep 0.01; done
            {{PrintWithSession(capture.Init, capture.SessionId)}}
            i=0
            while [ "$i" -lt "$blocks" ]; do
              cat {{Quote(blockFile)}}
              i=$((i + 1))
            done
            {{PrintWithSession(capture.Result, capture.SessionId)}}
            """);

    /// <summary>
    /// About <paramref name="targetBytes"/> of the capture's assistant and user lines, repeated with the message ids
    /// made distinct per repetition, so that the parser counts turns as it would in a long session.
    /// </summary>
    public static byte[] Block(ClaudeCapture capture, int targetBytes)
    {
        var text = new StringBuilder(targetBytes + 4096);
        for (var repetition = 0; text.Length < targetBytes; repetition++)
        {
            foreach (var line in capture.Body)
            {
                text.Append(line.Replace("\"msg_mock", $"\"msg_bench{repetition:D6}_", StringComparison.Ordinal)).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Write(string path, string body)
    {
        // The arguments are Baton's own (-p, --output-format stream-json, --verbose, --session-id ID, agent flags).
        var script = $$"""
            #!/bin/sh
            # A fake claude written by Baton.Bench; its lines come from a real Claude Code capture.
            sid=
            while [ $# -gt 0 ]; do
              if [ "$1" = "--session-id" ]; then sid=$2; shift; fi
              shift
            done
            {{body}}
            exit 0

            """;
        File.WriteAllText(path, script.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>A printf of the line with the captured session id replaced by the script's own <c>$sid</c>.</summary>
    private static string PrintWithSession(string line, string capturedSessionId)
    {
        var at = line.IndexOf(capturedSessionId, StringComparison.Ordinal);
        return at < 0
            ? throw new InvalidOperationException("the captured line has no session id")
            : $"printf '%s%s%s\\n' {Quote(line[..at])} \"$sid\" {Quote(line[(at + capturedSessionId.Length)..])}";
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
