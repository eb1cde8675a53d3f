using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Baton.Core.Application.Views;
using Baton.Core.Errors;

namespace Baton.Cli;

/// <summary>
/// Writes results and errors: JSON on stdout with --json, otherwise text for people; errors always as one line
/// on stderr ("baton: ..."), never a stack trace. This is the CLI's one place that maps exceptions to exit codes.
/// </summary>
internal static class CliOutput
{
    public static void Json<T>(T value, JsonTypeInfo<T> type) => Console.Out.WriteLine(JsonSerializer.Serialize(value, type));

    public static void Error(string message) => Console.Error.WriteLine($"baton: {message}");

    public static void Note(string message) => Console.Error.WriteLine(message);

    /// <summary>Reports a failure and returns the exit code for it.</summary>
    public static int Fail(Exception exception, bool json)
    {
        var (message, kind, code) = exception switch
        {
            BatonException b => (b.Message, b.Kind.ToString(), ExitCodes.For(b.Kind)),
            OperationCanceledException => ("interrupted", "Interrupted", 130),
            _ => ($"internal error ({exception.GetType().Name}: {exception.Message}); this is a bug in Baton, please report it", "Internal", ExitCodes.Internal),
        };
        if (json)
        {
            Json(new ErrorView(message, ToSnake(kind)), ViewJsonContext.Default.ErrorView);
        }

        Error(message);
        return code;
    }

    private static string ToSnake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
