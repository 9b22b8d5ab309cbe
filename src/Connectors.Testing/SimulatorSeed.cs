using System.Text.Json;
using System.Text.Json.Serialization;
using Connectors.Model;
using NodaTime;

namespace Connectors.Testing;

/// <summary>The JSON seed format of <see cref="UnasSimulator.LoadSeed"/> (see the package README).</summary>
public sealed record UnasSeed
{
    /// <summary>Status id to name.</summary>
    public Dictionary<string, string> Statuses { get; init; } = [];

    /// <summary>Products with stock.</summary>
    public List<SeedProduct> Products { get; init; } = [];

    /// <summary>Orders.</summary>
    public List<SeedOrder> Orders { get; init; } = [];
}

/// <summary>A seeded product.</summary>
public sealed record SeedProduct(string Sku, string Name, decimal GrossPrice, decimal VatRate = 27, string? Category = null, decimal Stock = 0);

/// <summary>A seeded address.</summary>
public sealed record SeedAddress(string? Name, string? Street, string? City, string? Zip, string CountryCode = "HU");

/// <summary>A seeded order line.</summary>
public sealed record SeedLine(string Sku, string Name, decimal Quantity, decimal UnitPriceGross, decimal VatRate = 27);

/// <summary>A seeded order; times are UTC ISO-8601.</summary>
public sealed record SeedOrder
{
    /// <summary>Unas order key.</summary>
    public required string Key { get; init; }

    /// <summary>Status id.</summary>
    public required string StatusId { get; init; }

    /// <summary>Placed at (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Customer name.</summary>
    public string? CustomerName { get; init; }

    /// <summary>Customer e-mail.</summary>
    public string? Email { get; init; }

    /// <summary>Customer phone.</summary>
    public string? Phone { get; init; }

    /// <summary>Shipping address (null = none).</summary>
    public SeedAddress? Shipping { get; init; }

    /// <summary>Billing address.</summary>
    public SeedAddress? Billing { get; init; }

    /// <summary>Unas payment type (cod, transfer, bankcard ...).</summary>
    public string PaymentType { get; init; } = "transfer";

    /// <summary>Shipping method name.</summary>
    public string? ShippingMethod { get; init; }

    /// <summary>Gross shipping cost.</summary>
    public decimal ShippingCost { get; init; }

    /// <summary>Gross discount.</summary>
    public decimal Discount { get; init; }

    /// <summary>Lines.</summary>
    public List<SeedLine> Lines { get; init; } = [];

    /// <summary>The canonical order this seed describes.</summary>
    public Order ToOrder()
    {
        static Address? A(SeedAddress? a) => a is null ? null : new Address { Name = a.Name, Street = a.Street, City = a.City, PostalCode = a.Zip, CountryCode = a.CountryCode };
        var created = Instant.FromDateTimeOffset(CreatedAt);
        return new Order
        {
            SourceSystem = "unas",
            SourceId = Key,
            Number = Key,
            StatusCode = StatusId,
            CreatedAt = created,
            ModifiedAt = created,
            Currency = "HUF",
            Customer = new CustomerContact { Name = CustomerName, Email = Email, Phone = Phone },
            ShippingAddress = A(Shipping),
            BillingAddress = A(Billing ?? Shipping),
            ShippingMethod = ShippingMethod,
            Payment = new PaymentInfo { Type = PaymentType, Method = PaymentType == "cod" ? "Utánvét" : "Átutalás", IsCashOnDelivery = PaymentType == "cod" },
            Totals = new OrderTotals { ShippingGross = ShippingCost, ShippingVatRate = 27 },
            Discounts = Discount == 0 ? [] : [new Discount(Discount, Description: "Kedvezmény")],
            Lines = [.. Lines.Select(l => new OrderLine { Sku = l.Sku, Name = l.Name, Quantity = l.Quantity, UnitPriceGross = l.UnitPriceGross, VatRate = l.VatRate, Unit = "db" })],
        };
    }
}

/// <summary>The JSON seed format of <see cref="WebshippySimulator.LoadSeed"/>: the warehouse's products and free stock.</summary>
public sealed record WebshippySeed
{
    /// <summary>Products.</summary>
    public List<WebshippySeedProduct> Products { get; init; } = [];
}

/// <summary>A seeded Webshippy product.</summary>
public sealed record WebshippySeedProduct(string Sku, string Name, decimal NetPrice, decimal Available, string? Barcode = null);

/// <summary>The JSON seed format of <see cref="ShopifySimulator.LoadSeed"/>: variants with stock and orders.</summary>
public sealed record ShopifySeed
{
    /// <summary>Variants (one product each).</summary>
    public List<ShopifySeedVariant> Variants { get; init; } = [];

    /// <summary>Orders, in the shape of <see cref="ShopifySimOrder"/>.</summary>
    public List<ShopifySimOrder> Orders { get; init; } = [];
}

/// <summary>A seeded Shopify variant.</summary>
public sealed record ShopifySeedVariant(string Sku, string Title, decimal Price, int Available, string? Barcode = null);

/// <summary>The JSON seed format of <see cref="UnleashedSimulator.LoadSeed"/>: products, stock on hand, customers.</summary>
public sealed record UnleashedSeed
{
    /// <summary>Products.</summary>
    public List<UnleashedSeedProduct> Products { get; init; } = [];

    /// <summary>Stock on hand.</summary>
    public List<UnleashedSeedStock> Stock { get; init; } = [];

    /// <summary>Customer codes orders may be sold to (besides <c>WEB</c>).</summary>
    public List<string> Customers { get; init; } = [];
}

/// <summary>A seeded Unleashed product.</summary>
public sealed record UnleashedSeedProduct(string Code, string Description, decimal SellPrice, string? Barcode = null, bool NeverDiminishing = false);

/// <summary>A seeded stock-on-hand row.</summary>
public sealed record UnleashedSeedStock(string Code, decimal OnHand, decimal Allocated = 0);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(UnasSeed))]
[JsonSerializable(typeof(WebshippySeed))]
[JsonSerializable(typeof(ShopifySeed))]
[JsonSerializable(typeof(UnleashedSeed))]
internal sealed partial class SeedJsonContext : JsonSerializerContext;

internal static class SimulatorSeed
{
    public static void LoadShopify(ShopifySimulator simulator, string json)
    {
        var seed = JsonSerializer.Deserialize(json, SeedJsonContext.Default.ShopifySeed) ?? throw new InvalidDataException("The Shopify seed file is empty.");
        foreach (var v in seed.Variants)
        {
            simulator.AddVariant(v.Sku, v.Title, v.Price, v.Available, v.Barcode);
        }

        foreach (var o in seed.Orders)
        {
            simulator.AddOrder(o);
        }
    }

    public static void LoadUnleashed(UnleashedSimulator simulator, string json)
    {
        var seed = JsonSerializer.Deserialize(json, SeedJsonContext.Default.UnleashedSeed) ?? throw new InvalidDataException("The Unleashed seed file is empty.");
        foreach (var p in seed.Products)
        {
            simulator.AddProduct(p.Code, p.Description, p.SellPrice, p.Barcode, p.NeverDiminishing);
        }

        foreach (var s in seed.Stock)
        {
            simulator.SetStock(s.Code, s.OnHand, s.Allocated);
        }

        foreach (var c in seed.Customers)
        {
            simulator.Customers.Add(c);
        }
    }

    public static void LoadWebshippy(WebshippySimulator simulator, string json)
    {
        var seed = JsonSerializer.Deserialize(json, SeedJsonContext.Default.WebshippySeed) ?? throw new InvalidDataException("The Webshippy seed file is empty.");
        foreach (var p in seed.Products)
        {
            simulator.AddProduct(p.Sku, p.Name, p.NetPrice, p.Available, p.Barcode);
        }
    }

    public static void LoadUnas(UnasSimulator simulator, string json)
    {
        var seed = JsonSerializer.Deserialize(json, SeedJsonContext.Default.UnasSeed) ?? throw new InvalidDataException("The Unas seed file is empty.");
        foreach (var (id, name) in seed.Statuses)
        {
            simulator.Statuses[id] = name;
        }

        var n = 0;
        foreach (var p in seed.Products)
        {
            simulator.AddProduct(new Product
            {
                Code = p.Sku,
                PlatformId = $"{9000 + ++n}",
                Name = p.Name,
                GrossPrice = p.GrossPrice,
                NetPrice = Math.Round(p.GrossPrice / (1 + p.VatRate / 100), 2),
                VatRate = p.VatRate,
                Category = p.Category,
                Stock = p.Stock,
            });
        }

        foreach (var o in seed.Orders)
        {
            simulator.PlaceOrder(o.ToOrder());
        }
    }
}
