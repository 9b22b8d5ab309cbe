using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Connectors.Model;
using Connectors.Sync;
using NodaTime;

namespace Connectors.Core.Tests;

/// <summary>
/// Every field of an order, however deep, either changes its content hash or is listed in
/// <see cref="OrderContentHash.Excluded"/> with a reason. A new field that is neither fails here, naming it.
/// </summary>
public class OrderContentHashCoverageTests
{
    private static readonly Instant T = Instant.FromUtc(2026, 3, 10, 12, 0);

    // Every list holds one element and every optional field a value, so every path can be changed.
    private static Order Sample() => new()
    {
        SourceSystem = "shop",
        SourceId = "1001",
        Number = "N-1001",
        StatusCode = "2",
        StatusName = "Paid",
        CreatedAt = T,
        ModifiedAt = T,
        Currency = "EUR",
        Customer = new CustomerContact { Id = "c1", Name = "Ann", Email = "ann@example.com", Phone = "+361" },
        BillingAddress = Address("Billing"),
        ShippingAddress = Address("Shipping"),
        ShippingMethod = "GLS",
        ShippingMethodId = "7",
        PackageNumber = "P1",
        Payment = new PaymentInfo { Method = "Card", MethodId = "3", Type = "card", Status = "paid", IsCashOnDelivery = false, CashOnDeliveryAmount = 1m },
        Discounts = [new Discount(5m, "SPRING", "Spring sale", 10m)],
        IsGift = false,
        GiftMessage = "Enjoy",
        InternalNote = "fragile",
        CustomerNote = "ring twice",
        TotalWeight = 1.5m,
        Totals = new OrderTotals { Net = 80m, Vat = 20m, Gross = 100m, ShippingGross = 5m, ShippingVatRate = 27m, FeesGross = 2m, Paid = 100m },
        OriginTag = "web",
        Lines = [new OrderLine
        {
            Sku = "A", Name = "Mug", Quantity = 2m, Unit = "pcs", UnitPriceNet = 10m, UnitPriceGross = 12.7m, VatRate = 27m, Weight = 0.3m,
            ImageUrl = "https://img/a.png", Options = ExtensionBag.From([new("colour", "red")]), WarehouseLocation = "A-1", PlatformId = "L1",
            Extensions = ExtensionBag.From([new("x", "y")]),
        }],
        ExcludedBecause = "admin order",
        Problems = ["bad quantity"],
        Fees = [new OrderFee(FeeKind.PaymentGateway, 2m, "COD fee")],
        MerchantCosts = [new MerchantCost(MerchantCostKind.Carrier, 4.2m, "EUR", "1Z001")],
        TaxesIncluded = true,
        Refunds = [new Refund { Id = "r1", At = T, Amount = 12.7m, IsCredit = false, Reason = "broken", Lines = [new RefundLine("A", 1m, 12.7m, true)] }],
        Extensions = ExtensionBag.From([new("shop:x", "1")]),
    };

    private static Address Address(string name) => new()
    {
        Name = name, Company = "Co", Street = "Main 1", City = "Pécs", PostalCode = "7621", Region = "Baranya", CountryCode = "HU",
        Country = "Hungary", Phone = "+3672", TaxNumber = "HU1", DeliveryPointId = "DP1",
    };

    [Fact]
    public void Every_order_field_is_hashed_or_excluded_on_purpose()
    {
        var order = Sample();
        var hash = OrderContentHash.Compute(order);
        var unhashed = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, changed) in Variants(order, "Order"))
        {
            var excludedBy = OrderContentHash.Excluded.Keys.FirstOrDefault(k => path == k || path.StartsWith(k + ".", StringComparison.Ordinal) || path.StartsWith(k + "[]", StringComparison.Ordinal));
            if (excludedBy is not null)
            {
                seen.Add(excludedBy);
            }

            var differs = OrderContentHash.Compute((Order)changed) != hash;
            if (!differs && excludedBy is null)
            {
                unhashed.Add(path);
            }
        }

        Assert.True(unhashed.Count == 0, $"Changing these does not change the order's content hash; hash them in OrderContentHash or list them in OrderContentHash.Excluded with a reason: {string.Join(", ", unhashed)}");
        Assert.DoesNotContain(OrderContentHash.Excluded.Keys, k => !seen.Contains(k));
    }

    [Fact]
    public void An_order_without_the_fields_added_after_0_1_0_keeps_the_hash_release_0_1_0_gave_it()
    {
        var order = new Order
        {
            SourceSystem = "unas", SourceId = "1000-1001", StatusCode = "2", CreatedAt = T, ModifiedAt = T, Currency = "HUF",
            ShippingAddress = Address("Kovács Éva"), Lines = [new OrderLine { Sku = "A", Name = "Bögre", Quantity = 1m, UnitPriceGross = 1270m }],
        };

        // Worked out by hand from release 0.1.0's OrderContentHash (the same fields in the same order), so ledger rows it
        // wrote stay "already sent" after an upgrade instead of every re-read order looking changed.
        Assert.Equal(Release010Hash, OrderContentHash.Compute(order));
    }

    private const string Release010Hash = "67939bb6b9aed7fb039babfe1228e9a75ffbc656aefbff1c11cc0be155ce19ed";

    // Each leaf of the object graph, changed alone: (path, the whole order with only that leaf changed).
    private static IEnumerable<(string Path, object Changed)> Variants(object value, string path)
    {
        var type = value.GetType();
        if (Leaf(type))
        {
            yield return (path, Other(value));
            yield break;
        }

        if (value is ExtensionBag bag)
        {
            yield return (path, ExtensionBag.From([.. bag, new("zz-added", "1")]));
            yield break;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var items = ((IEnumerable)value).Cast<object>().ToList();
            Assert.True(items.Count > 0, $"The sample order has no element at {path}[]; give it one so its fields are checked.");
            var setItem = type.GetMethod("SetItem")!;
            foreach (var (p, changed) in Variants(items[0], path + "[]"))
            {
                yield return (p, setItem.Invoke(value, [0, changed])!);
            }

            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
        {
            var current = property.GetValue(value);
            Assert.True(current is not null, $"The sample order leaves {path}.{property.Name} empty; give it a value so it is checked.");
            foreach (var (p, changed) in Variants(current!, $"{path}.{property.Name}"))
            {
                var copy = type.GetMethod("<Clone>$")!.Invoke(value, null)!;
                property.SetValue(copy, changed);
                yield return (p, copy);
            }
        }
    }

    private static bool Leaf(Type t) =>
        t == typeof(string) || t == typeof(decimal) || t == typeof(bool) || t == typeof(int) || t == typeof(Instant) || t.IsEnum;

    private static object Other(object value) => value switch
    {
        string s when s.Length == 3 && s.All(char.IsUpper) => s == "EUR" ? "HUF" : "EUR", // ISO codes stay valid
        string s => s + "~",
        decimal d => d + 1m,
        bool b => !b,
        int i => i + 1,
        Instant i => i + Duration.FromMinutes(1),
        Enum e => Enum.GetValues(e.GetType()).Cast<object>().First(v => !v.Equals(e)),
        _ => throw new InvalidOperationException(value.GetType().Name),
    };
}
