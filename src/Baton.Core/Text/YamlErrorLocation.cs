using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Baton.Core.Text;

/// <summary>
/// Where a YAML mistake is, as a person would point at it. YamlDotNet's own marks are sometimes elsewhere: an unclosed
/// '[' is only noticed at the end of the input, a tab in an indentation is reported at the start of the value before
/// it, and an unknown alias (<c>*name</c>) at the start of the document.
/// </summary>
internal static partial class YamlErrorLocation
{
    /// <summary>The 1-based line and column of <paramref name="error"/> in <paramref name="yaml"/>.</summary>
    public static (int Line, int Column) Of(YamlException error, string yaml)
    {
        if (error is AnchorNotFoundException && AnchorName().Match(error.Message) is { Success: true } anchor
            && Find(yaml, "*" + anchor.Groups[1].Value) is { } alias)
        {
            return alias;
        }

        if (error.Message.Contains("tab character", StringComparison.OrdinalIgnoreCase) && error.End.Line > error.Start.Line)
        {
            // The tab is at the start of the line where the scanner stopped.
            return ((int)error.End.Line, 1);
        }

        var lastLine = yaml.TrimEnd().Split('\n').Length;
        if (error.Start.Line > lastLine && UnclosedOpener(yaml) is { } opened)
        {
            // Noticed at the end of the input: the mistake is where the unclosed bracket or quote began.
            return (opened, 1);
        }

        return (Math.Max(1, (int)error.Start.Line), Math.Max(1, (int)error.Start.Column));
    }

    /// <summary>
    /// The line of the last '[', '{' or quote that <paramref name="yaml"/> opens and never closes (null if none), for
    /// input that ends inside one.
    /// </summary>
    public static int? UnclosedOpener(string yaml)
    {
        var open = new Stack<int>();
        var line = 1;
        char? quote = null;
        var quoteLine = 0;
        var previous = '\n';
        for (var i = 0; i < yaml.Length; i++)
        {
            var c = yaml[i];
            if (quote is { } q)
            {
                if (c == '\\' && q == '"')
                {
                    i++;
                }
                else if (c == q && !(q == '\'' && i + 1 < yaml.Length && yaml[i + 1] == '\''))
                {
                    quote = null;
                }
                else if (c == '\'' && q == '\'')
                {
                    i++;
                }
            }
            else if (c == '#' && char.IsWhiteSpace(previous))
            {
                while (i + 1 < yaml.Length && yaml[i + 1] != '\n')
                {
                    i++;
                }
            }
            else if (c is '"' or '\'' && StartsValue(yaml, i))
            {
                (quote, quoteLine) = (c, line);
            }
            else if (c is '[' or '{')
            {
                open.Push(line);
            }
            else if (c is ']' or '}' && open.Count > 0)
            {
                open.Pop();
            }

            if (c == '\n')
            {
                line++;
            }

            previous = c;
        }

        return quote is not null ? quoteLine : open.Count > 0 ? open.Peek() : null;
    }

    // A quote opens a quoted value only where a value starts: after "key: ", "- ", '[', '{', ',' or at a line's start.
    private static bool StartsValue(string yaml, int index)
    {
        var j = index - 1;
        while (j >= 0 && yaml[j] is ' ' or '\t')
        {
            j--;
        }

        return j < 0 || yaml[j] is '\n' or ':' or '-' or '[' or '{' or ',' or '?';
    }

    private static (int Line, int Column)? Find(string yaml, string text)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var at = lines[i].IndexOf(text, StringComparison.Ordinal);
            if (at >= 0)
            {
                return (i + 1, at + 1);
            }
        }

        return null;
    }

    [GeneratedRegex("anchor '([^']+)'")]
    private static partial Regex AnchorName();
}
