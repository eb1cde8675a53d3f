using System.Globalization;
using Baton.Core.Errors;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// Where the database is: an Npgsql connection string, or a <c>postgresql://user:pass@host:port/db</c> URI turned
/// into one; and how to name it to people without its password or any other secret.
/// </summary>
internal static class PostgresLocation
{
    /// <summary>The connection string for <paramref name="location"/> (a URI or a connection string).</summary>
    public static NpgsqlConnectionStringBuilder Parse(string location)
    {
        try
        {
            return location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
                ? FromUri(new Uri(location))
                : new NpgsqlConnectionStringBuilder(location);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException or FormatException or KeyNotFoundException)
        {
            throw BatonException.Invalid("the PostgreSQL location is neither a postgresql://user:password@host:port/database URI nor a connection string (Host=…;Database=…)");
        }
    }

    /// <summary><c>host:port/database</c>, with no user, password or other setting.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        string.Create(CultureInfo.InvariantCulture, $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}");

    private static NpgsqlConnectionStringBuilder FromUri(Uri uri)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = uri.AbsolutePath.TrimStart('/');
        if (database.Length > 0)
        {
            builder.Database = Uri.UnescapeDataString(database);
        }

        // Query parameters (?sslmode=require) are connection settings under their libpq names where Npgsql knows them.
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            builder[key switch { "sslmode" => "SSL Mode", "application_name" => "Application Name", "connect_timeout" => "Timeout", _ => key }] = value;
        }

        return builder;
    }
}
