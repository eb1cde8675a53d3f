using System.Text.RegularExpressions;
using Baton.Configuration;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tests.Testing;
using Baton.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Tests.Storage;

/// <summary>The host chooses the store in one place and otherwise knows only Core's storage ports.</summary>
public sealed class StoreWiringTests
{
    [Fact]
    public void HostSources_NameNoSqliteType()
    {
        var sqliteTypes = typeof(SqliteStoreRegistration).Assembly.GetTypes()
            .Concat(typeof(SqliteConnection).Assembly.GetTypes())
            .Where(t => t.Name.StartsWith("Sqlite", StringComparison.Ordinal))
            .Select(t => t.Name.Split('`')[0])
            .ToHashSet(StringComparer.Ordinal);
        var source = Path.Combine(RepositoryRoot(), "src", "Baton");
        var pattern = new Regex(@"\b(?:" + string.Join('|', sqliteTypes.Select(Regex.Escape)) + @")\b|\bMicrosoft\.Data\.Sqlite\b|\bSQLitePCL\b", RegexOptions.CultureInvariant);

        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => pattern.IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(source, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Contains("SqliteTaskStore", sqliteTypes);
        Assert.True(offenders.Count == 0, "src/Baton names SQLite types; use Core's storage ports and StoreSelection:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public async Task AddBatonStore_AFilePath_RegistersEveryPortAfterTheMigrator()
    {
        using var home = new TempDirectory();
        await using var stores = new ServiceCollection().AddBatonStore(new StoreOptions { Location = home.File("baton.db") }).BuildServiceProvider();

        await stores.GetRequiredService<IStoreMigrator>().MigrateAsync();

        Assert.NotNull(stores.GetRequiredService<ITaskStore>());
        Assert.NotNull(stores.GetRequiredService<IAttemptStore>());
        Assert.NotNull(stores.GetRequiredService<IWorkflowStore>());
        Assert.NotNull(stores.GetRequiredService<IEventStore>());
        Assert.NotNull(stores.GetRequiredService<INotificationStore>());
        Assert.NotNull(stores.GetRequiredService<IWebhookStore>());
        Assert.Equal(0, await stores.GetRequiredService<ITokenStore>().CountActiveAsync());
        Assert.Empty(stores.GetServices<IStoreMaintenance>());
        Assert.False(stores.GetRequiredService<IStoreMigrator>().IsReadOnly);
        Assert.True(File.Exists(home.File("baton.db")));
    }

    [Theory]
    [InlineData("postgresql://baton@db.example/baton")]
    [InlineData("postgres://db.example/baton")]
    [InlineData("Host=db.example;Database=baton;Username=baton")]
    [InlineData("Server=db.example; Port=5432; Database=baton")]
    public void IsServer_APostgreSqlUriOrConnectionString_IsTheSharedStore(string db) => Assert.True(StoreSelection.IsServer(db));

    [Theory]
    [InlineData("/var/lib/baton/baton.db")]
    [InlineData("store/host=1.db")]
    [InlineData("baton.db")]
    public void IsServer_AFilePath_IsSqlite(string db) => Assert.False(StoreSelection.IsServer(db));

    [Fact]
    public void Load_BatonDbNamesAPostgreSqlServer_KeepsItAsTheServerAndOpensNoFile()
    {
        using var home = new TempDirectory();

        var settings = SettingsLoader.Load(environment: name => name switch
        {
            "BATON_HOME" => home.Path,
            "BATON_DB" => "postgresql://baton:secret@db.example/baton",
            _ => null,
        });

        Assert.Equal("postgresql://baton:secret@db.example/baton", settings.DatabaseServer);
        Assert.Equal(settings.DatabaseServer, StoreSelection.Options(settings).Location);
        Assert.False(File.Exists(home.File("baton.db")));
    }

    [Fact]
    public void AddBatonStore_AMalformedServerLocation_IsRefusedSayingWhatIsExpected()
    {
        var error = Assert.Throws<BatonException>(() => new ServiceCollection().AddBatonStore(new StoreOptions { Location = "postgresql://[::1" }));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("postgresql://", error.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "src", "Baton")) && Directory.Exists(Path.Combine(directory.FullName, "tests")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no repository above {AppContext.BaseDirectory}");
    }
}
