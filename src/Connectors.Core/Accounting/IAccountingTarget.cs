namespace Connectors.Accounting;

/// <summary>How a posting went.</summary>
/// <param name="DocumentId">The accounting system's id of the document, when posted or found.</param>
/// <param name="Rejection">Why the accounting system refused it (a person looks at it), in its words.</param>
public sealed record AccountingResult(string? DocumentId, string? Rejection)
{
    /// <summary>
    /// Accepted for posting later, not posted yet (QuickBooks Desktop posts when its Web Connector next polls): what it is
    /// waiting for. The pipeline keeps the order due and asks again on its next run.
    /// </summary>
    public string? Waiting { get; init; }

    /// <summary>Notes for the run report (an item created, a default item used, fees posted apart).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Posted (or found posted) as <paramref name="documentId"/>.</summary>
    public static AccountingResult Posted(string documentId, params IReadOnlyList<string> notes) => new(documentId, null) { Notes = notes };

    /// <summary>Queued by a target that posts later; <paramref name="waitingFor"/> says for what.</summary>
    public static AccountingResult Queued(string waitingFor) => new(null, null) { Waiting = waitingFor };

    /// <summary>Refused for <paramref name="reason"/>.</summary>
    public static AccountingResult Rejected(string reason) => new(null, reason);
}

/// <summary>
/// An accounting system sales are posted to (QuickBooks, Xero): one document per order, found again by its reference
/// after a lost answer, reversed (voided or credited) when the order is cancelled or refunded after posting.
/// </summary>
public interface IAccountingTarget : Connectors.Abstractions.IConnector
{
    /// <summary>The id of the document already posted under <paramref name="reference"/>, or null. Throws when it cannot ask.</summary>
    Task<string?> FindDocumentAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Posts the sale and its expenses, idempotently by <see cref="AccountingDocument.Reference"/>: what is already there
    /// (the document, its payment, the expenses) is found and not posted again, so posting after a lost answer completes
    /// a posting instead of doubling it. A refusal of the content comes back as <see cref="AccountingResult.Rejected"/>;
    /// an outage throws.
    /// </summary>
    Task<AccountingResult> PostAsync(AccountingDocument document, CancellationToken cancellationToken = default);

    /// <summary>Reverses a posted document (void, or a credit note when it cannot be voided).</summary>
    Task<AccountingResult> ReverseAsync(string documentId, AccountingDocument document, CancellationToken cancellationToken = default);
}
