using System.Xml.Linq;

namespace Connectors.QuickBooks.Desktop;

/// <summary>
/// Voids a posted sale (<c>TxnVoidRq</c>), the reversal of a cancelled or fully refunded order: the transaction is read
/// by its TxnID first, and one already at zero counts as voided, so a void whose answer was lost is not sent twice.
/// Voiding keeps the transaction, zeroed, for the audit trail, as QuickBooks Online's void does.
/// </summary>
internal sealed class VoidConversation(QueuedPosting posting) : IQbXmlConversation
{
    private readonly List<string> _notes = [];
    private bool _asked;
    private bool _done;

    public string Reference => posting.Reference;

    public string Outcome { get; private set; } = "";

    public IReadOnlyList<string> Notes => _notes;

    private string Type => posting.VoidType ?? "SalesReceipt";

    public string? NextRequest(QbXmlVersion version) =>
        _done ? null
        : !_asked ? QbXml.Request(version, stopOnError: false, [QbXml.Rq($"{Type}Query", "voided", new XElement("TxnID", posting.VoidTxnId))])
        : QbXml.Request(version, stopOnError: true, [QbXml.Rq("TxnVoid", "void", new XElement("TxnVoidType", Type), new XElement("TxnID", posting.VoidTxnId))]);

    public ConversationStep Receive(IReadOnlyList<QbXmlAnswer> answers)
    {
        if (answers.FirstOrDefault(a => a.IsError || (!_asked && a.Code == 1)) is { } error)
        {
            Outcome = error.Code == 1
                ? $"{Type} {posting.VoidTxnId} is not in the company file (deleted by hand?): nothing voided"
                : $"QuickBooks refused to void {Type} {posting.VoidTxnId}: {error.Code} {error.Message}";
            return ConversationStep.Refused;
        }

        if (!_asked)
        {
            _asked = true;
            var record = answers.SelectMany(a => a.Records).FirstOrDefault();
            var total = QbXml.Decimal(record?.Element("TotalAmount")) ?? QbXml.Decimal(record?.Element("Subtotal"));
            if (total is 0m)
            {
                _notes.Add($"{Type} {posting.VoidTxnId} was already voided");
                return Complete();
            }

            return ConversationStep.Continue;
        }

        _notes.Add($"{Type} {posting.VoidTxnId} voided");
        return Complete();
    }

    public ConversationStep Complete()
    {
        _done = true;
        Outcome = posting.VoidTxnId!;
        return ConversationStep.Posted;
    }
}
