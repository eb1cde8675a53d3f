using System.Buffers.Text;
using System.Text;
using Baton.Core.Tasks;

namespace Baton.Api;

/// <summary>
/// The opaque paging cursor of <c>GET /api/v1/tasks</c>: the last task of a page, versioned and base64url-encoded so
/// that callers pass it back as it is rather than build one.
/// </summary>
internal static class TaskCursor
{
    private const string Version = "t1:";

    public static string Encode(string lastTaskId) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Version + lastTaskId));

    /// <summary>The task id in the cursor; a cursor Baton did not write is refused (400).</summary>
    public static string Decode(string cursor)
    {
        string? text = null;
        if (cursor.Length is > 0 and <= 64 && Base64Url.IsValid(cursor))
        {
            try
            {
                text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            }
            catch (FormatException)
            {
                text = null;
            }
        }

        if (text is null || !text.StartsWith(Version, StringComparison.Ordinal)
            || text[Version.Length..] is not { Length: TaskIds.Length } id || !TaskIds.LooksLikeIdOrPrefix(id))
        {
            throw new ApiInputException("cursor is not valid; pass the next_cursor of the previous page as it is, or leave cursor out for the first page", "cursor");
        }

        return id;
    }
}
