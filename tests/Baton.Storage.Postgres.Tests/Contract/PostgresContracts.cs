using Baton.Storage.Contract;

namespace Baton.Storage.Postgres.Tests.Contract;

// The store contract, proven for PostgreSQL: one class per contract, each opening a fresh database per test.

public sealed class PostgresTaskStoreContract : TaskStoreContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresWorkflowAdvancementContract : WorkflowAdvancementContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresClaimContract : ClaimContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresEventLogContract : EventLogContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresFencingContract : FencingContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresNotificationContract : NotificationContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresLeaseContract : LeaseContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresWebhookOutboxContract : WebhookOutboxContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresTokenStoreContract : TokenStoreContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresWorkerStoreContract : WorkerStoreContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresClusterLeaseContract : ClusterLeaseContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresInteractionOpenContract : InteractionOpenContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresInteractionResponseContract : InteractionResponseContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresInteractionTakeoverContract : InteractionTakeoverContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresInteractionExpiryContract : InteractionExpiryContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresInteractionWithdrawalContract : InteractionWithdrawalContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresTaskControlContract : TaskControlContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresInteractionNoticeContract : InteractionNoticeContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresPhaseGateContract : PhaseGateContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresBrowserAccessContract : BrowserAccessContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresTaskListContract : TaskListContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresAgentStatsContract : AgentStatsContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresTaskStatsContract : TaskStatsContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresAlertContract : AlertContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresWorkflowRetryContract : WorkflowRetryContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresScheduleContract : ScheduleContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresGaugeContract : GaugeContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresBudgetContract : BudgetContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresCapsuleContract : CapsuleContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresSessionContract : SessionContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}

public sealed class PostgresInitiativeContract : InitiativeContract
{
    protected override Task<StoreUnderTest> OpenAsync() => PostgresStores.OpenAsync();
}
