using Baton.EndToEnd.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace Baton.EndToEnd.Tests.Access;

/// <summary><c>baton token create|list|revoke</c> through the real executable.</summary>
public sealed class TokenCliTests
{
    [Fact]
    public async Task Create_Text_PrintsOnlyTheTokenOnStdout()
    {
        using var home = new BatonHome();

        var result = await home.RunAsync("token", "create", "--name", "ci", "--scope", "write");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches("^baton_[0-9A-Za-z]{40}\n$", result.Stdout);
        Assert.Contains("shown only this once", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TextAndJson_NeverShowSecretOrHash()
    {
        using var home = new BatonHome();
        var secret = await home.CreateTokenAsync("ci", "write");
        await home.CreateTokenAsync("dashboard", "read");
        string hash;
        await using (var connection = new SqliteConnection($"Data Source={home.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT hash FROM api_tokens WHERE name = 'ci'";
            hash = (string)(await command.ExecuteScalarAsync())!;
        }

        var text = await home.RunAsync("token", "list");
        var json = await home.RunAsync("token", "list", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Equal(0, json.ExitCode);
        Assert.Contains("dashboard", text.Stdout, StringComparison.Ordinal);
        var random = secret["baton_".Length..];
        foreach (var output in new[] { text.Stdout + text.Stderr, json.Stdout + json.Stderr })
        {
            Assert.DoesNotContain(random, output, StringComparison.Ordinal);
            Assert.DoesNotContain(hash, output, StringComparison.Ordinal);
        }

        var ci = json.Json.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "ci");
        Assert.Equal("write", ci.GetProperty("scope").GetString());
        Assert.Equal("active", ci.GetProperty("status").GetString());
        Assert.StartsWith("tok_", ci.GetProperty("token_id").GetString(), StringComparison.Ordinal);
        Assert.False(ci.TryGetProperty("token", out _));
        Assert.False(ci.TryGetProperty("hash", out _));
    }

    [Fact]
    public async Task Create_DuplicateName_ExitsConflict()
    {
        using var home = new BatonHome();
        await home.CreateTokenAsync("ci", "read");

        var result = await home.RunAsync("token", "create", "--name", "ci", "--scope", "write", "--json");

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("conflict", result.Json.GetProperty("kind").GetString());
        Assert.Contains("'ci' exists already", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_BadScope_ExitsInvalidListingScopes()
    {
        using var home = new BatonHome();

        var result = await home.RunAsync("token", "create", "--name", "ci", "--scope", "superuser");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown scope 'superuser'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("read", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("admin", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("[]", (await home.RunAsync("token", "list", "--json")).Stdout.Trim());
    }

    [Fact]
    public async Task Revoke_UnknownThenKnownThenAgain_ExitsNotFoundSuccessConflict()
    {
        using var home = new BatonHome();
        await home.CreateTokenAsync("ci", "read");
        var id = (await home.RunAsync("token", "list", "--json")).Json[0].GetProperty("token_id").GetString()!;

        var unknown = await home.RunAsync("token", "revoke", "nobody");
        var byId = await home.RunAsync("token", "revoke", id, "--json");
        var again = await home.RunAsync("token", "revoke", "ci");

        Assert.Equal(3, unknown.ExitCode);
        Assert.Equal(0, byId.ExitCode);
        Assert.Equal("revoked", byId.Json.GetProperty("status").GetString());
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("already revoked", again.Stderr, StringComparison.Ordinal);
    }
}
