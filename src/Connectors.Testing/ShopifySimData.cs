using System.Globalization;
using System.Text.Json.Nodes;

namespace Connectors.Testing;

/// <summary>A line of a simulated Shopify order.</summary>
/// <param name="Sku">Variant SKU.</param>
/// <param name="Name">Line title.</param>
/// <param name="Quantity">Quantity.</param>
/// <param name="Price">Unit price as the buyer saw it.</param>
public sealed record ShopifySimLine(string Sku, string Name, int Quantity, decimal Price);

/// <summary>A refund of a simulated order.</summary>
/// <param name="Id">Refund number.</param>
/// <param name="Amount">Amount refunded.</param>
/// <param name="Note">Why.</param>
/// <param name="At">When.</param>
public sealed record ShopifySimRefund(long Id, decimal Amount, string? Note, DateTimeOffset At);

/// <summary>A parcel recorded as a fulfilment.</summary>
/// <param name="Id">Fulfilment number.</param>
/// <param name="Numbers">Tracking numbers.</param>
/// <param name="Company">Carrier.</param>
/// <param name="Urls">Tracking URLs.</param>
public sealed record ShopifySimFulfilment(long Id, IReadOnlyList<string> Numbers, string? Company, IReadOnlyList<string> Urls);

/// <summary>An order in the Shopify simulator.</summary>
public sealed record ShopifySimOrder
{
    /// <summary>Numeric id (the GID's last segment).</summary>
    public required long Id { get; init; }

    /// <summary>Order name, e.g. <c>#1001</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Financial status as the GraphQL enum (<c>PAID</c>, <c>PENDING</c>, <c>REFUNDED</c>…).</summary>
    public string FinancialStatus { get; init; } = "PAID";

    /// <summary>Buyer e-mail.</summary>
    public string? Email { get; init; }

    /// <summary>Currency.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>Lines.</summary>
    public IReadOnlyList<ShopifySimLine> Lines { get; init; } = [];

    /// <summary>Shipping price.</summary>
    public decimal Shipping { get; init; }

    /// <summary>Shipping line title.</summary>
    public string ShippingTitle { get; init; } = "Standard";

    /// <summary>Recipient.</summary>
    public string ShipToName { get; init; } = "Jane Doe";

    /// <summary>Note from the buyer.</summary>
    public string? Note { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Created at.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Updated at.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Refunds.</summary>
    public IReadOnlyList<ShopifySimRefund> Refunds { get; init; } = [];

    /// <summary>Fulfilments recorded.</summary>
    public IReadOnlyList<ShopifySimFulfilment> Fulfilments { get; init; } = [];

    /// <summary>Subtotal of the lines.</summary>
    public decimal Subtotal => Lines.Sum(l => l.Price * l.Quantity);

    /// <summary>Total (no taxes in the simulator's shop).</summary>
    public decimal Total => Subtotal + Shipping;

    internal static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    internal JsonObject MoneyBag(decimal amount) => new() { ["shopMoney"] = new JsonObject { ["amount"] = Money(amount), ["currencyCode"] = Currency } };

    // The GraphQL node of §4.3's query, with the documented field names.
    internal JsonObject ToGraphQl(Func<string, long?> variantOf) => new()
    {
        ["id"] = $"gid://shopify/Order/{Id}",
        ["name"] = Name,
        ["createdAt"] = CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["updatedAt"] = UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["displayFinancialStatus"] = FinancialStatus,
        ["displayFulfillmentStatus"] = Fulfilments.Count > 0 ? "FULFILLED" : "UNFULFILLED",
        ["email"] = Email,
        ["totalPriceSet"] = MoneyBag(Total),
        ["subtotalPriceSet"] = MoneyBag(Subtotal),
        ["totalShippingPriceSet"] = MoneyBag(Shipping),
        ["totalTaxSet"] = MoneyBag(0),
        ["totalDiscountsSet"] = MoneyBag(0),
        ["discountCodes"] = new JsonArray(),
        ["taxesIncluded"] = false,
        ["note"] = Note,
        ["tags"] = new JsonArray([.. Tags.Select(t => (JsonNode)JsonValue.Create(t))]),
        ["test"] = false,
        ["customer"] = null,
        ["shippingAddress"] = new JsonObject { ["name"] = ShipToName, ["address1"] = "1 Main St", ["address2"] = null, ["city"] = "Austin", ["provinceCode"] = "TX", ["zip"] = "78701", ["countryCodeV2"] = "US", ["phone"] = null },
        ["billingAddress"] = null,
        ["shippingLines"] = new JsonObject { ["nodes"] = new JsonArray(new JsonObject { ["title"] = ShippingTitle, ["code"] = ShippingTitle, ["originalPriceSet"] = MoneyBag(Shipping) }) },
        ["lineItems"] = new JsonObject
        {
            ["nodes"] = new JsonArray([.. Lines.Select(l => (JsonNode)new JsonObject
            {
                ["sku"] = l.Sku,
                ["name"] = l.Name,
                ["quantity"] = l.Quantity,
                ["originalUnitPriceSet"] = new JsonObject { ["shopMoney"] = new JsonObject { ["amount"] = Money(l.Price) } },
                ["variant"] = variantOf(l.Sku) is { } v ? new JsonObject { ["id"] = $"gid://shopify/ProductVariant/{v}" } : null,
                ["taxLines"] = new JsonArray(),
            })]),
        },
        ["refunds"] = new JsonArray([.. Refunds.Select(r => (JsonNode)new JsonObject
        {
            ["id"] = $"gid://shopify/Refund/{r.Id}",
            ["createdAt"] = r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["note"] = r.Note,
            ["totalRefundedSet"] = MoneyBag(r.Amount),
        })]),
    };

    // The REST resource a webhook carries (§4.6's orders/paid body): snake_case, numeric ids, money as strings.
    internal JsonObject ToRest(Func<string, long?> variantOf) => new()
    {
        ["id"] = Id,
        ["admin_graphql_api_id"] = $"gid://shopify/Order/{Id}",
        ["name"] = Name,
        ["email"] = Email,
        ["created_at"] = CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["updated_at"] = UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["financial_status"] = FinancialStatus.ToLowerInvariant(),
        ["fulfillment_status"] = null,
        ["currency"] = Currency,
        ["total_price"] = Money(Total),
        ["subtotal_price"] = Money(Subtotal),
        ["total_tax"] = "0.00",
        ["shipping_lines"] = new JsonArray(new JsonObject { ["title"] = ShippingTitle, ["price"] = Money(Shipping) }),
        ["line_items"] = new JsonArray([.. Lines.Select((l, i) => (JsonNode)new JsonObject
        {
            ["id"] = (Id * 100) + i,
            ["variant_id"] = variantOf(l.Sku),
            ["sku"] = l.Sku,
            ["name"] = l.Name,
            ["quantity"] = l.Quantity,
            ["price"] = Money(l.Price),
        })]),
        ["shipping_address"] = new JsonObject { ["name"] = ShipToName, ["address1"] = "1 Main St", ["city"] = "Austin", ["province_code"] = "TX", ["zip"] = "78701", ["country_code"] = "US" },
    };
}

/// <summary>A variant in the Shopify simulator (one product per variant unless grouped).</summary>
/// <param name="Id">Variant number.</param>
/// <param name="ProductId">Product number.</param>
/// <param name="InventoryItemId">Inventory item number.</param>
/// <param name="Sku">SKU.</param>
/// <param name="ProductTitle">Product title.</param>
/// <param name="Price">Price.</param>
/// <param name="Available">Available quantity at the simulator's one location.</param>
/// <param name="Barcode">Barcode.</param>
public sealed record ShopifySimVariant(long Id, long ProductId, long InventoryItemId, string Sku, string ProductTitle, decimal Price, int Available, string? Barcode = null);
