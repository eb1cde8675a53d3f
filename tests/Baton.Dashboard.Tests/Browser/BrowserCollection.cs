namespace Baton.Dashboard.Tests.Browser;

/// <summary>Browser tests share one chromium and run one class at a time (the machine's cores are few).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
