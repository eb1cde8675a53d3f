using System.Text;
using Microsoft.Data.Sqlite;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary>Everything a request could have changed in the store, as text: the rows of the task and workflow tables.</summary>
internal static class StoreSnapshot
{
    private static readonly string[] Tables = ["tasks", "task_tags", "task_dependencies", "attempts", "workflows", "phases"];

    public static string Take(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var text = new StringBuilder();
        foreach (var table in Tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            using var reader = command.ExecuteReader();
            text.AppendLine(table);
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString()).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }
}
