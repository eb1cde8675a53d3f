using Baton.Storage.Contract;

namespace Baton.Storage.Sqlite.Tests.Contract;

// The store contract, proven for SQLite: one class per contract, each opening a fresh database file per test.

public sealed class SqliteTaskStoreContract : TaskStoreContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteWorkflowAdvancementContract : WorkflowAdvancementContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteClaimContract : ClaimContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteEventLogContract : EventLogContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteFencingContract : FencingContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteNotificationContract : NotificationContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteLeaseContract : LeaseContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteWebhookOutboxContract : WebhookOutboxContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteTokenStoreContract : TokenStoreContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteClusterLeaseContract : ClusterLeaseContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteWorkerStoreContract : WorkerStoreContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteInteractionOpenContract : InteractionOpenContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteInteractionResponseContract : InteractionResponseContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteInteractionTakeoverContract : InteractionTakeoverContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteInteractionExpiryContract : InteractionExpiryContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteInteractionWithdrawalContract : InteractionWithdrawalContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteTaskControlContract : TaskControlContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteInteractionNoticeContract : InteractionNoticeContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqlitePhaseGateContract : PhaseGateContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteBrowserAccessContract : BrowserAccessContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteTaskListContract : TaskListContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteAgentStatsContract : AgentStatsContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteTaskStatsContract : TaskStatsContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteAlertContract : AlertContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteWorkflowRetryContract : WorkflowRetryContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteScheduleContract : ScheduleContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteGaugeContract : GaugeContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteBudgetContract : BudgetContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteCapsuleContract : CapsuleContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteSessionContract : SessionContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}

public sealed class SqliteInitiativeContract : InitiativeContract
{
    protected override Task<StoreUnderTest> OpenAsync() => SqliteStores.OpenAsync();
}
