using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Connectors.Model;

namespace Connectors.Sync;

/// <summary>
/// A stable hash of what an order asks the target to do: every field of <see cref="Order"/> and of what it holds, except
/// those in <see cref="Excluded"/>, each left out on purpose with the reason. A test fails when a new field is neither
/// hashed nor excluded, so the ledger never misses a change to an order that was already sent.
/// </summary>
public static class OrderContentHash
{
    /// <summary>Fields left out of the hash on purpose (path from <c>Order</c>), with why.</summary>
    public static IReadOnlyDictionary<string, string> Excluded { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Order.StatusCode"] = "moves as the order moves; the pipelines act on statuses themselves",
        ["Order.StatusName"] = "follows StatusCode",
        ["Order.PackageNumber"] = "written back by status sync; hashing it would make every shipped order look changed",
        ["Order.CreatedAt"] = "never changes for an order",
        ["Order.ModifiedAt"] = "changes on every touch, including our own status write-back",
        ["Order.ExcludedBecause"] = "a decision of the source's settings, not content",
        ["Order.Problems"] = "what the adapter could not read; the order is held while there are any",
        ["Order.Extensions"] = "platform extras without a canonical meaning; adapters put what a target needs in canonical fields",
        ["Order.Payment.Status"] = "moves as payment arrives, like the order status",
        ["Order.Totals.Paid"] = "grows as payment arrives, like the order status",
        ["Order.Lines[].ImageUrl"] = "presentation only; shops sign and rotate image URLs",
        ["Order.Lines[].Extensions"] = "platform extras without a canonical meaning",
    };

    /// <summary>Hex SHA-256 of the order's content.</summary>
    public static string Compute(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var buffer = new ArrayBufferWriter<byte>(1024);
        void Add(string? s)
        {
            var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount((s?.Length ?? 0) + 1));
            var n = s is null ? 0 : Encoding.UTF8.GetBytes(s, span);
            span[n] = 0x1F;
            buffer.Advance(n + 1);
        }

        void AddNumber(decimal? d) => Add(d?.ToString(CultureInfo.InvariantCulture));
        void AddAddress(Address? a)
        {
            Add(a is null ? "-" : "+");
            if (a is null)
            {
                return;
            }

            Add(a.Name); Add(a.Company); Add(a.Street); Add(a.City); Add(a.PostalCode); Add(a.Region);
            Add(a.CountryCode); Add(a.Country); Add(a.Phone); Add(a.TaxNumber); Add(a.DeliveryPointId);
        }

        Add(order.SourceSystem); Add(order.SourceId); Add(order.Number); Add(order.Currency);
        Add(order.Customer.Id); Add(order.Customer.Name); Add(order.Customer.Email); Add(order.Customer.Phone);
        AddAddress(order.BillingAddress);
        AddAddress(order.ShippingAddress);
        Add(order.ShippingMethod); Add(order.ShippingMethodId);
        Add(order.Payment.Method); Add(order.Payment.MethodId); Add(order.Payment.Type); Add(order.Payment.IsCashOnDelivery ? "cod" : "");
        AddNumber(order.Payment.CashOnDeliveryAmount);
        foreach (var d in order.Discounts)
        {
            AddNumber(d.Amount); Add(d.Code); Add(d.Description); AddNumber(d.Percent);
        }

        Add(order.IsGift ? "gift" : ""); Add(order.GiftMessage); Add(order.InternalNote); Add(order.CustomerNote);
        AddNumber(order.TotalWeight);
        AddNumber(order.Totals.Net); AddNumber(order.Totals.Vat); AddNumber(order.Totals.Gross);
        AddNumber(order.Totals.ShippingGross); AddNumber(order.Totals.ShippingVatRate); AddNumber(order.Totals.FeesGross);
        Add(order.OriginTag);
        foreach (var l in order.Lines)
        {
            Add(l.Sku); Add(l.Name); AddNumber(l.Quantity); Add(l.Unit); AddNumber(l.UnitPriceNet); AddNumber(l.UnitPriceGross);
            AddNumber(l.VatRate); AddNumber(l.Weight);
            foreach (var (k, v) in l.Options)
            {
                Add(k); Add(v);
            }

            // Fields added after release 0.1.0 go in only when set, marked, so a ledger written by 0.1.0 keeps its hashes.
            if (l.WarehouseLocation is not null || l.PlatformId is not null)
            {
                Add("line+"); Add(l.WarehouseLocation); Add(l.PlatformId);
            }
        }

        if (order.TaxesIncluded is { } included)
        {
            Add(included ? "tax-included" : "tax-on-top");
        }

        foreach (var f in order.Fees)
        {
            Add("fee"); Add(f.Kind.ToString()); AddNumber(f.Amount); Add(f.Name);
        }

        foreach (var c in order.MerchantCosts)
        {
            Add("cost"); Add(c.Kind.ToString()); AddNumber(c.Amount); Add(c.Currency); Add(c.Reference);
        }

        foreach (var r in order.Refunds)
        {
            Add("refund"); Add(r.Id); Add(r.At.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture)); AddNumber(r.Amount);
            Add(r.IsCredit ? "credit" : ""); Add(r.Reason);
            foreach (var rl in r.Lines)
            {
                Add(rl.Sku); AddNumber(rl.Quantity); AddNumber(rl.Amount); Add(rl.Restock ? "restock" : "");
            }
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }
}
