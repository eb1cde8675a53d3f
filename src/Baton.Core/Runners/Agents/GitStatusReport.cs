namespace Baton.Core.Runners.Agents;

/// <summary>
/// What <c>git status --porcelain=v2 --branch -z --untracked-files=all</c> says: the commit HEAD names (null in a
/// repository without commits) and every path that differs from it, staged, unstaged or untracked (both names of a
/// rename). Paths are relative to the repository's top folder.
/// </summary>
internal sealed record GitStatusReport(string? Head, IReadOnlyList<string> Paths)
{
    /// <summary>The git arguments that produce the text <see cref="Parse"/> reads.</summary>
    public static readonly IReadOnlyList<string> Arguments =
        ["--no-optional-locks", "status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all"];

    public static GitStatusReport Parse(string output)
    {
        string? head = null;
        var paths = new List<string>();
        var entries = output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            switch (entry[0])
            {
                case '#' when entry.StartsWith("# branch.oid ", StringComparison.Ordinal):
                    var oid = entry["# branch.oid ".Length..];
                    head = oid == "(initial)" ? null : oid;
                    break;
                case '1':
                    paths.Add(After(entry, spaces: 8));
                    break;
                case '2':
                    // A rename or copy: the new path, then its origin as an entry of its own.
                    paths.Add(After(entry, spaces: 9));
                    if (i + 1 < entries.Length)
                    {
                        paths.Add(entries[++i]);
                    }

                    break;
                case 'u':
                    paths.Add(After(entry, spaces: 10));
                    break;
                case '?':
                    paths.Add(entry[2..]);
                    break;
            }
        }

        return new GitStatusReport(head, paths);
    }

    /// <summary>The rest of the entry after its first <paramref name="spaces"/> fields (a path may hold spaces).</summary>
    private static string After(string entry, int spaces)
    {
        var at = -1;
        for (var n = 0; n < spaces && (at = entry.IndexOf(' ', at + 1)) >= 0; n++)
        {
        }

        return at < 0 ? string.Empty : entry[(at + 1)..];
    }
}
