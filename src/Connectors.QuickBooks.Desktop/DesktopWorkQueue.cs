using Connectors.State;
using NodaTime;

namespace Connectors.QuickBooks.Desktop;

/// <summary>What became of a queued sale.</summary>
internal enum PostingState
{
    /// <summary>In the queue or in a Web Connector session.</summary>
    Queued,

    /// <summary>In the company file (<see cref="PostingStatus.TxnId"/>).</summary>
    Posted,

    /// <summary>QuickBooks refused it; not yet told to the pipeline.</summary>
    Refused,

    /// <summary>A refusal the pipeline was told of: posting again queues it anew.</summary>
    RefusalReported,
}

/// <summary>Where one sale stands.</summary>
internal sealed record PostingStatus(PostingState State, string? TxnId, string? Text, Instant Since);

/// <summary>
/// The durable work queue of one company file, in the Connectors state store every host shares: a sale waits in the inbox
/// (<c>qbwc/{connector}</c>) until a Web Connector session finishes it, and its outcome is a ledger row of the same scope,
/// keyed by the order's reference. A session that dies leaves the sale in the inbox; the next one starts it again from its
/// lookups, so nothing is lost and nothing is posted twice.
/// </summary>
internal sealed class DesktopWorkQueue(ISyncStateStore store, string connectorId, TimeProvider time)
{
    private readonly string _scope = $"qbwc/{connectorId}";

    private Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    public async Task<PostingStatus?> StatusAsync(string reference, CancellationToken ct)
    {
        var rows = await store.GetLedgerEntriesAsync(_scope, [reference], ct).ConfigureAwait(false);
        return rows.TryGetValue(reference, out var row) ? new PostingStatus(StateOf(row), row.TargetId, row.Reason, row.UpdatedAt) : null;
    }

    public async Task EnqueueAsync(QueuedPosting posting, CancellationToken ct)
    {
        var now = Now;

        // The delivery id carries the time: a sale queued again after a refusal is a new item, never deduplicated away.
        await store.AddToInboxAsync(new InboxItem
        {
            Inbox = _scope,
            DeliveryId = $"{posting.Reference}@{now.ToUnixTimeTicks()}",
            Kind = InboxItemKind.AccountingPosting,
            Subject = posting.Reference,
            Payload = posting.ToJson(),
            ReceivedAt = now,
        }, ct).ConfigureAwait(false);
        await SaveAsync(posting.Reference, LedgerState.Pending, null, "queued for the Web Connector", ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<InboxItem>> PendingAsync(int max, CancellationToken ct) =>
        store.GetInboxAsync(_scope, InboxItemKind.AccountingPosting, max, ct);

    public async Task PostedAsync(InboxItem item, string txnId, string notes, CancellationToken ct)
    {
        await SaveAsync(item.Subject, LedgerState.Sent, txnId, notes, ct).ConfigureAwait(false);
        await store.CompleteInboxAsync(_scope, [item.DeliveryId], ct).ConfigureAwait(false);
    }

    public async Task RefusedAsync(InboxItem item, string reason, CancellationToken ct)
    {
        await SaveAsync(item.Subject, LedgerState.Held, null, reason, ct).ConfigureAwait(false);
        await store.CompleteInboxAsync(_scope, [item.DeliveryId], ct).ConfigureAwait(false);
    }

    /// <summary>Still queued after a session that could not do it: the reason is kept for the pipeline's report.</summary>
    public Task DeferredAsync(IReadOnlyList<string> references, string reason, CancellationToken ct) =>
        store.SaveLedgerEntriesAsync([.. references.Select(r => new LedgerEntry { Scope = _scope, SourceKey = r, State = LedgerState.Pending, Reason = $"last session: {reason}", UpdatedAt = Now })], ct);

    public Task RefusalReportedAsync(string reference, string reason, CancellationToken ct) =>
        SaveAsync(reference, LedgerState.Failed, null, reason, ct);

    private Task SaveAsync(string reference, LedgerState state, string? txnId, string? text, CancellationToken ct) =>
        store.SaveLedgerEntriesAsync([new LedgerEntry { Scope = _scope, SourceKey = reference, State = state, TargetId = txnId, Reason = text, UpdatedAt = Now }], ct);

    private static PostingState StateOf(LedgerEntry row) => row.State switch
    {
        LedgerState.Sent => PostingState.Posted,
        LedgerState.Held => PostingState.Refused,
        LedgerState.Failed => PostingState.RefusalReported,
        _ => PostingState.Queued,
    };
}
