using Connectors.Abstractions;
using Connectors.Accounting;
using Connectors.State;

namespace Connectors.QuickBooks.Desktop;

/// <summary>
/// QuickBooks Desktop as the accounting target of seed 001. QuickBooks Desktop has no cloud API: the QuickBooks Web
/// Connector beside it polls the endpoint <c>MapQuickBooksWebConnector</c> maps. So posting queues the sale in the
/// company file's durable queue and answers <see cref="AccountingResult.Queued"/>; the Web Connector's next session posts
/// it (<see cref="PostingConversation"/>), and the pipeline's next run reads the outcome back — the TxnID, or QuickBooks'
/// refusal as a held order.
/// </summary>
public sealed class QuickBooksDesktopConnector : IAccountingTarget
{
    internal QuickBooksDesktopConnector(string name, QuickBooksDesktopOptions options, ISyncStateStore store, TimeProvider time)
    {
        Name = name;
        Account = Connectors.Http.ConnectorRegistration.IdOf(name, options.ConnectorId);
        Options = options;
        Queue = new DesktopWorkQueue(store, Account, time);
    }

    /// <inheritdoc />
    public string System => "quickbooks-desktop";

    /// <inheritdoc />
    public string Account { get; }

    /// <summary>The registration name.</summary>
    public string Name { get; }

    internal QuickBooksDesktopOptions Options { get; }

    internal DesktopWorkQueue Queue { get; }

    /// <summary>The <c>.qwc</c> file the merchant adds to the Web Connector for this company file.</summary>
    public string QwcFile() => Desktop.QwcFile.Write(Options, Account);

    /// <inheritdoc />
    public async Task<string?> FindDocumentAsync(string reference, CancellationToken cancellationToken = default) =>
        await Queue.StatusAsync(reference, cancellationToken).ConfigureAwait(false) is { State: PostingState.Posted, TxnId: { } id } ? id : null;

    /// <inheritdoc />
    public async Task<AccountingResult> PostAsync(AccountingDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return await OutcomeAsync(document.Reference, cancellationToken).ConfigureAwait(false)
            ?? await EnqueueAsync(QueuedPosting.From(document), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The void is queued like a posting (<c>TxnVoidRq</c> at the Web Connector's next session).</remarks>
    public async Task<AccountingResult> ReverseAsync(string documentId, AccountingDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        ArgumentNullException.ThrowIfNull(document);
        var key = QueuedPosting.VoidKey(document.Reference);
        return await OutcomeAsync(key, cancellationToken).ConfigureAwait(false) ?? await EnqueueAsync(QueuedPosting.From(document) with
        {
            Reference = key,
            VoidTxnId = documentId,
            VoidType = Options.DocumentType == QuickBooksDocumentType.SalesReceipt ? "SalesReceipt" : "Invoice",
        }, cancellationToken).ConfigureAwait(false);
    }

    // What the queue knows of a piece of work, or null when it is not queued (or its refusal was already told).
    private async Task<AccountingResult?> OutcomeAsync(string key, CancellationToken ct)
    {
        var status = await Queue.StatusAsync(key, ct).ConfigureAwait(false);
        switch (status?.State)
        {
            case PostingState.Posted:
                return AccountingResult.Posted(status.TxnId!, Notes(status.Text));
            case PostingState.Refused:
                // Told once; the pipeline holds the order, and a release queues it again.
                await Queue.RefusalReportedAsync(key, status.Text ?? "", ct).ConfigureAwait(false);
                return AccountingResult.Rejected(status.Text ?? "QuickBooks refused it");
            case PostingState.Queued:
                return AccountingResult.Queued(status.Text is { } text && text.StartsWith("last session", StringComparison.Ordinal)
                    ? $"waiting for the QuickBooks Web Connector; {text}"
                    : $"waiting for the QuickBooks Web Connector since {status.Since} (it posts at its next poll)");
            default:
                return null;
        }
    }

    private async Task<AccountingResult> EnqueueAsync(QueuedPosting posting, CancellationToken ct)
    {
        await Queue.EnqueueAsync(posting, ct).ConfigureAwait(false);
        return AccountingResult.Queued("queued for the QuickBooks Web Connector (it posts at its next poll)");
    }

    private static string[] Notes(string? text) => string.IsNullOrEmpty(text) ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

}
