namespace Connectors.Systim;

/// <summary>Settings of one Systim account (configuration section <c>Connectors:Systim</c>).</summary>
public sealed class SystimOptions
{
    /// <summary>The account's API endpoint, <c>https://&lt;account&gt;.systim.pl/jsonAPI.php</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>User login.</summary>
    public string? Login { get; set; }

    /// <summary>The user's API password (Ustawienia / Użytkownicy / Wygeneruj klucz), not the panel password. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Warehouses whose quantities are read (<c>listPQuantities</c> <c>id_magazynu</c>); empty means warehouse <c>1</c>.</summary>
    /// <remarks>Empty by default because configuration binding appends to a list instead of replacing it.</remarks>
    public List<string> WarehouseIds { get; set; } = [];

    internal IReadOnlyList<string> EffectiveWarehouseIds => WarehouseIds.Count == 0 ? ["1"] : WarehouseIds;

    /// <summary>VAT rate in percent to Systim's VAT id (<c>stawka_vat</c> / <c>id_stawki_vat</c>). ASSUMPTION: default ids 1=23, 2=8, 3=5, 4=0; check your account.</summary>
    public Dictionary<string, string> VatRateIds { get; set; } = new(StringComparer.Ordinal) { ["23"] = "1", ["8"] = "2", ["5"] = "3", ["0"] = "4" };

    /// <summary>Category id for products created without a known category. Default <c>1</c>.</summary>
    public string DefaultCategoryId { get; set; } = "1";

    /// <summary>
    /// The shop's shipping method id (Shoper <c>shipping_id</c>) to Systim's delivery method id (<c>id_dostawy</c>, required by
    /// <c>addOrder</c>). Required. An order whose method is not here is held with the id named; the key <c>*</c> is an
    /// explicit catch-all for every other method.
    /// </summary>
    public Dictionary<string, string> DeliveryMethods { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The shop's payment method id (Shoper <c>payment_id</c>) to Systim's payment form id (<c>id_formy_platnosci</c>), so
    /// cash on delivery stays cash on delivery. Required; <c>*</c> is an explicit catch-all.
    /// </summary>
    public Dictionary<string, string> PaymentMethods { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Order currency (ISO 4217) to Systim's currency id (<c>id_waluty</c>); the docs name only <c>0</c> = PLN.</summary>
    public Dictionary<string, string> CurrencyIds { get; set; } = new(StringComparer.Ordinal) { ["PLN"] = "0" };

    /// <summary>ASSUMPTION: the product listing method is undocumented; <c>listProducts</c> by default.</summary>
    public string ProductListMethod { get; set; } = "listProducts";

    /// <summary>ASSUMPTION: the order listing method is undocumented; <c>listOrders</c> (filtered by <c>numer</c>) by default. Empty disables the lookup.</summary>
    public string OrderListMethod { get; set; } = "listOrders";

    /// <summary>Per-call timeout. Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of a list or login call after a 5xx or a timeout (writes are never repeated). Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry (doubles, with jitter). Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Allow a plain <c>http://</c> BaseUrl to another machine (credentials travel unencrypted). Default false.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// The stable id this connector's checkpoints and ledger rows are keyed by (<see cref="Abstractions.IConnector.Account"/>).
    /// Default: the registration name. Set it before renaming a registration: the id, not the name, records what was
    /// already sent, so a renamed registration with the same id never sends an order again.
    /// </summary>
    public string? ConnectorId { get; set; }
}
