using Spectre.Console;

namespace Baton.Cli;

/// <summary>
/// Human output for a terminal: colours and its width. Redirected output (a pipe, a file, a test) gets plain text
/// and wide lines, so that ids and times are never wrapped or wrapped in escape codes.
/// </summary>
internal static class ConsoleSetup
{
    public static void Configure()
    {
        if (!Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null)
        {
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 240;
        }

        AnsiConsole.Console = console;
    }
}
