using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Connectors.Accounting;

namespace Connectors.QuickBooks.Desktop;

/// <summary>
/// A sale as it waits in the queue for the Web Connector: what the qbXML needs, in plain values (the version of the messages
/// is known only when the host announces it, so the document is kept, not the XML).
/// </summary>
internal sealed record QueuedPosting
{
    public required string Reference { get; init; }

    public required string Channel { get; init; }

    public required string TxnDate { get; init; }

    public required string Currency { get; init; }

    public string? CustomerName { get; init; }

    public string? CustomerEmail { get; init; }

    public string? PaymentMethod { get; init; }

    public List<QueuedLine> Lines { get; init; } = [];

    public List<QueuedExpense> Expenses { get; init; } = [];

    /// <summary>Set when the work is voiding this posted transaction instead of posting.</summary>
    public string? VoidTxnId { get; init; }

    /// <summary>The type of the transaction to void (<c>SalesReceipt</c>, <c>Invoice</c>).</summary>
    public string? VoidType { get; init; }

    /// <summary>The queue key of voiding the sale posted for <paramref name="reference"/>.</summary>
    public static string VoidKey(string reference) => $"{reference} void";

    public decimal Gross => Lines.Sum(l => l.Net + l.Tax);

    public decimal Tax => Lines.Sum(l => l.Tax);

    public static QueuedPosting From(AccountingDocument document) => new()
    {
        Reference = document.Reference,
        Channel = document.Channel,
        TxnDate = document.Date.InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Currency = document.Currency,
        CustomerName = document.Customer.Name,
        CustomerEmail = document.Customer.Email,
        PaymentMethod = document.PaymentMethod,
        Lines = [.. document.Lines.Select(l => new QueuedLine(l.Kind, l.Description, l.Quantity, l.Net, l.Tax, l.TaxRate, l.Sku))],
        Expenses = [.. document.Expenses.Select(e => new QueuedExpense(e.Kind == Model.MerchantCostKind.Carrier, e.Amount, e.Reference))],
    };

    public string ToJson() => JsonSerializer.Serialize(this, QueuedPostingJson.Default.QueuedPosting);

    /// <summary>The queued work, or null when the payload cannot be read (it is then refused, never left to block the queue).</summary>
    public static QueuedPosting? FromJson(string? json)
    {
        try
        {
            return json is null ? null : JsonSerializer.Deserialize(json, QueuedPostingJson.Default.QueuedPosting);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One line of a queued sale.</summary>
internal sealed record QueuedLine(AccountingLineKind Kind, string Description, decimal Quantity, decimal Net, decimal Tax, decimal? TaxRate, string? Sku);

/// <summary>One expense of a queued sale: a carrier cost or a fee.</summary>
internal sealed record QueuedExpense(bool Carrier, decimal Amount, string? From);

[JsonSerializable(typeof(QueuedPosting))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
internal sealed partial class QueuedPostingJson : JsonSerializerContext;
