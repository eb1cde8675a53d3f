using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Baton.EndToEnd.Tests.Mcp;

/// <summary>Everything a request could have changed in the store, as text: the rows of the task and workflow tables.</summary>
internal static class StoreSnapshot
{
    private static readonly string[] Tables = ["tasks", "task_tags", "task_dependencies", "attempts", "workflows", "phases"];

    /// <summary>The rows of a SQLite store.</summary>
    public static string Take(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        return Take(connection);
    }

    /// <summary>The rows of a PostgreSQL store (Baton's schema in the database of <paramref name="connectionString"/>).</summary>
    public static string TakePostgres(string connectionString)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = "baton", Pooling = false }.ConnectionString);
        return Take(connection);
    }

    private static string Take(DbConnection connection)
    {
        connection.Open();
        var text = new StringBuilder();
        foreach (var table in Tables)
        {
            using var command = connection.CreateCommand();
            // Ordered: PostgreSQL promises no order without it.
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1";
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
