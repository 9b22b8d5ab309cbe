using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Connectors.Model;

namespace Connectors.Sync;

/// <summary>
/// A stable hash of what an order asks the target to do. Status, status name, package number and modification time
/// are left out on purpose: they change as the order moves (and when we write status back), not what was ordered.
/// </summary>
public static class OrderContentHash
{
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
            foreach (var (k, v) in l.Options.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Add(k); Add(v);
            }
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }
}
