namespace Baton.Storage.Contract;

/// <summary>
/// The base of every contract class: a store's test project derives from each contract and opens its store here.
/// Tests call <see cref="OpenAsync"/> once each and dispose what it returns.
/// </summary>
public abstract class StoreContract
{
    /// <summary>A fresh store with its schema in place, empty.</summary>
    protected abstract Task<StoreUnderTest> OpenAsync();
}
