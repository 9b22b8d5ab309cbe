namespace Connectors.Unleashed;

/// <summary>Settings of one Unleashed account. Bind from configuration (<c>Connectors:Unleashed</c>).</summary>
public sealed class UnleashedOptions
{
    /// <summary>API root. Default <c>https://api.unleashedsoftware.com/</c>.</summary>
    public Uri? BaseUrl { get; set; } = new("https://api.unleashedsoftware.com/");

    /// <summary>API ID (Integrations / Unleashed API Access).</summary>
    public string? ApiId { get; set; }

    /// <summary>API key: signs every request; a secret, never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The <c>client-type</c> header naming this integration, <c>company/app</c> in lower case.</summary>
    public string ClientType { get; set; } = "connectors/sync";

    /// <summary>Warehouse whose stock is read and where orders are fulfilled from (<c>WarehouseCode</c>); empty = all / the default.</summary>
    public string? WarehouseCode { get; set; }

    /// <summary>Which StockOnHand quantity is the shop's stock: <c>AvailableQty</c> (on hand less allocated, default) or <c>QtyOnHand</c>.</summary>
    public string StockQuantity { get; set; } = "AvailableQty";

    /// <summary>Customer code orders are created for (seed 003: one web customer). Required for the order target.</summary>
    public string? CustomerCode { get; set; }

    /// <summary>Tax code of order lines (<c>Tax.TaxCode</c>). Default <c>NONE</c>.</summary>
    public string TaxCode { get; set; } = "NONE";

    /// <summary>Tax rate as a fraction (0.15 = 15 %) matching <see cref="TaxCode"/>. Default 0.</summary>
    public decimal TaxRate { get; set; }

    /// <summary>Non-stock product code that carries the shipping charge as a line; empty = shipping is noted in Comments.</summary>
    public string? ShippingProductCode { get; set; }

    /// <summary>Non-stock product code that carries payment and other fees as lines; empty = fees are noted in Comments.</summary>
    public string? FeeProductCode { get; set; }

    /// <summary>Non-stock product code that carries order discounts as a negative line; empty = discounts are noted in Comments.</summary>
    public string? DiscountProductCode { get; set; }

    /// <summary>
    /// One Unleashed customer per buyer instead of <see cref="CustomerCode"/> for all: the code is <see cref="CustomerCodePrefix"/>
    /// + the shop's customer id (or e-mail), looked up and created when missing. Orders without a buyer id use <see cref="CustomerCode"/>.
    /// </summary>
    public bool CustomerPerBuyer { get; set; }

    /// <summary>Prefix of customer codes made per buyer. Default <c>WEB-</c>.</summary>
    public string CustomerCodePrefix { get; set; } = "WEB-";

    /// <summary>Order status new orders get. Default <c>Parked</c> (a person places them); <c>Placed</c> commits them at once.</summary>
    public string OrderStatus { get; set; } = "Parked";

    /// <summary>
    /// The account's monthly API allowance (it depends on the plan and bought bundles). Unleashed blocks every call at 100 %
    /// until the 1st, 00:00 UTC; with this set, calls are counted in the state store, a warning is logged at 90 % and 95 %,
    /// and calls stop at 99 % with a message saying so. Null (default) = not guarded.
    /// </summary>
    public long? MonthlyQuota { get; set; }

    /// <summary>Items per page (1..1000). Default 200.</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>Per-call timeout. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of a read after a 5xx, a timeout or a 429. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry (doubles, with jitter). Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Allow a plain <c>http://</c> BaseUrl to another machine (credentials travel unencrypted). Default false.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// The stable id checkpoints and ledger rows are keyed by, and that order Guids are derived from. Default: the
    /// registration name. Keep it when renaming a registration.
    /// </summary>
    public string? ConnectorId { get; set; }
}
