using Baton.Core.Errors;

namespace Baton.Storage.Postgres.Tests;

/// <summary>Where the database is, as users write it (a URI or a connection string), and as messages name it (no secret).</summary>
public sealed class PostgresLocationTests
{
    [Fact]
    public void Parse_UriWithEscapedPasswordAndSslMode_ConnectionSettings()
    {
        var builder = PostgresLocation.Parse("postgresql://ci%40team:p%3Ass%2Fw@db.example:6543/baton_prod?sslmode=require");

        Assert.Equal(("db.example", 6543, "baton_prod", "ci@team", "p:ss/w"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal(Npgsql.SslMode.Require, builder.SslMode);
    }

    [Fact]
    public void Describe_ConnectionStringWithPassword_HostPortAndDatabaseOnly()
    {
        var builder = PostgresLocation.Parse("Host=db.example;Port=5433;Database=baton;Username=baton;Password=s3cret");

        Assert.Equal("db.example:5433/baton", PostgresLocation.Describe(builder));
    }

    [Fact]
    public void Parse_Garbage_InvalidWithoutEchoingIt()
    {
        var error = Assert.Throws<BatonException>(() => PostgresLocation.Parse("Host=x;Password=s3cret;Nonsense Key=1"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }
}
