namespace Baton.Bench.Infrastructure;

/// <summary>
/// A stand-in for Claude Code in its interactive mode (<c>--input-format stream-json --permission-prompt-tool
/// stdio</c>), written as a bash script: it reads Baton's initialize and prompt lines, replays Claude Code 2.1.330's
/// captured lines byte for byte up to its <c>can_use_tool</c> request, waits for Baton's answer, then replays the rest
/// and exits when stdin ends. Just before it writes the request and just after it reads the answer it writes the wall
/// clock (<c>$EPOCHREALTIME</c>, no fork) to <c>asked</c> and <c>answered</c> files named after its process.
/// </summary>
internal static class AskingClaude
{
    /// <summary>The captured lines: control_response, init, two assistant lines, the request, then the rest.</summary>
    private const string Capture = "claude-2.1.330/control-protocol_can-use-tool.jsonl";

    /// <summary>Writes the script and its capture into <paramref name="directory"/>; returns the script's path.</summary>
    public static string Write(string directory, string stampDirectory)
    {
        var capture = Path.Combine(directory, "can-use-tool.jsonl");
        using (var stream = typeof(AskingClaude).Assembly.GetManifestResourceStream(Capture)
            ?? throw new InvalidOperationException($"the capture {Capture} is not embedded in the bench"))
        using (var file = File.Create(capture))
        {
            stream.CopyTo(file);
        }

        var path = Path.Combine(directory, "claude");
        var script = $$"""
            #!/bin/bash
            # A fake claude written by Baton.Bench: Claude Code 2.1.330's captured control protocol, stamped.
            capture='{{capture}}'
            stamps='{{stampDirectory}}'
            IFS= read -r initialize
            IFS= read -r prompt
            sed -n 1,4p "$capture"
            printf '%s\n' "$EPOCHREALTIME" > "$stamps/asked.$$"
            sed -n 5p "$capture"
            IFS= read -r answer
            printf '%s\n' "$EPOCHREALTIME" > "$stamps/answered.$$"
            case "$answer" in
              *'"behavior":"allow"'*) ;;
              *) echo "fake claude: expected an allow, got: $answer" >&2; exit 3 ;;
            esac
            sed -n '6,$p' "$capture"
            while IFS= read -r _; do :; done
            exit 0

            """;
        File.WriteAllText(path, script.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
