using System.Globalization;
using System.Text.Json.Nodes;
using System.Web;

namespace Connectors.Testing;

/// <summary>A product in the Systim simulator.</summary>
public sealed record SystimProduct
{
    /// <summary>Systim id.</summary>
    public required string Id { get; init; }

    /// <summary>kod_produktu.</summary>
    public required string Code { get; init; }

    /// <summary>nazwa.</summary>
    public string Name { get; init; } = "";

    /// <summary>cena_netto.</summary>
    public decimal Net { get; init; }

    /// <summary>cena_brutto.</summary>
    public decimal Gross { get; init; }

    /// <summary>stawka_vat id (1=23, 2=8, 3=5, 4=0).</summary>
    public string VatId { get; init; } = "1";

    /// <summary>Category name.</summary>
    public string Category { get; init; } = "";

    /// <summary>kod_kreskowy.</summary>
    public string Barcode { get; init; } = "";

    /// <summary>rodzaj 1: a service (no stock).</summary>
    public bool IsService { get; init; }
}

/// <summary>An order the Systim simulator received through <c>addOrder</c>.</summary>
/// <param name="Id">Systim id.</param>
/// <param name="Fields">Every form field as sent (PHP bracket names kept).</param>
public sealed record SystimOrder(string Id, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The <c>numer</c> field (our source reference).</summary>
    public string? Number => Fields.GetValueOrDefault("numer");

    /// <summary>Lines as (product id, quantity).</summary>
    public IReadOnlyList<(string ProductId, string Quantity)> Lines =>
        [.. Enumerable.Range(0, 1000).TakeWhile(i => Fields.ContainsKey($"produkty[{i}][id]")).Select(i => (Fields[$"produkty[{i}][id]"], Fields[$"produkty[{i}][ilosc]"]))];
}

/// <summary>
/// A Systim account on a local port, speaking <c>jsonAPI.php</c> (<c>act=login</c>, <c>addOrder</c>, <c>addProduct</c>,
/// <c>listPQuantities</c>, and the assumed <c>listProducts</c> / <c>listOrders</c>) with the PHP quirks the adapter must
/// tolerate: lists as id-keyed maps, numbers as strings with decimal commas, HTML entities, errors at HTTP 200.
/// </summary>
public sealed class SystimSimulator : IDisposable
{
    private readonly SimulatorServer _server;
    private readonly Dictionary<string, SystimProduct> _products = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Warehouse, string ProductId), decimal> _quantities = [];
    private readonly List<SystimOrder> _orders = [];
    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];
    private int _next = 100;

    private SystimSimulator(string login, string password)
    {
        Login = login;
        Password = password;
        _server = new SimulatorServer("/jsonAPI.php", Handle);
    }

    /// <summary>Starts a simulator on a free loopback port.</summary>
    public static SystimSimulator Start(string login = "api@firma.pl", string password = "systim-simulator-pass") => new(login, password);

    /// <summary>The endpoint to configure as <c>Connectors:Systim:BaseUrl</c>.</summary>
    public string BaseUrl => _server.Url + "/jsonAPI.php";

    /// <summary>Login.</summary>
    public string Login { get; }

    /// <summary>API password.</summary>
    public string Password { get; }

    /// <summary>Products by code.</summary>
    public IReadOnlyDictionary<string, SystimProduct> Products => _server.Locked(() => (IReadOnlyDictionary<string, SystimProduct>)_products.Values.ToDictionary(p => p.Code, StringComparer.Ordinal));

    /// <summary>Orders received.</summary>
    public IReadOnlyList<SystimOrder> Orders => _server.Locked(() => (IReadOnlyList<SystimOrder>)[.. _orders]);

    /// <summary>Every request (<c>act</c>, then the form body).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _server.Locked(() => (IReadOnlyList<RecordedRequest>)[.. _requests]);

    /// <summary>Adds a product (or, with <paramref name="service"/>, a service without stock) with a quantity in warehouse 1.</summary>
    public SystimProduct AddProduct(string code, string name, decimal gross, string vatId, string category, decimal quantity, string warehouse = "1", string barcode = "", bool service = false) => _server.Locked(() =>
    {
        var rate = RateOf(vatId);
        var product = new SystimProduct { Id = (++_next).ToString(CultureInfo.InvariantCulture), Code = code, Name = name, Gross = gross, Net = Math.Round(gross / (1 + (rate / 100)), 2), VatId = vatId, Category = category, Barcode = barcode, IsService = service };
        _products[product.Id] = product;
        if (!service)
        {
            _quantities[(warehouse, product.Id)] = quantity;
        }

        return product;
    });

    /// <summary>A warehouse document changed the quantity of a product.</summary>
    public void SetQuantity(string code, decimal quantity, string warehouse = "1") => _server.Locked(() =>
        _quantities[(warehouse, _products.Values.First(p => p.Code == code).Id)] = quantity);

    /// <summary>
    /// Runs after each request was handled (its write done) and before the answer goes out, with "METHOD path": a test
    /// kills the host under test here to lose the answer of a write that landed.
    /// </summary>
    public Action<string>? AfterRequest
    {
        get => _server.AfterRequest;
        set => _server.AfterRequest = value;
    }

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();

    private SimResponse Handle(SimRequest r)
    {
        var form = HttpUtility.ParseQueryString(r.Body);
        var fields = form.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => form[k] ?? "", StringComparer.Ordinal);
        var act = fields.GetValueOrDefault("act") ?? "";
        _requests.Add(new RecordedRequest(act, r.Body));
        if (act == "login")
        {
            if (fields.GetValueOrDefault("login") != Login || fields.GetValueOrDefault("pass") != Password)
            {
                return Envelope(3, "Nieprawidłowy login lub hasło API");
            }

            var token = Guid.NewGuid().ToString("N");
            _tokens.Add(token);
            return Envelope(0, "", new JsonObject { ["token"] = token });
        }

        if (!_tokens.Contains(fields.GetValueOrDefault("token") ?? ""))
        {
            return Envelope(2, "Nieprawidłowy token - zaloguj się ponownie");
        }

        return act switch
        {
            // ASSUMPTION (undocumented method): the record carries the documented addProduct parameter names; VAT comes as
            // the rate ("23"), as listings seen in the wild give it, while addProduct takes the VAT id.
            "listProducts" => Envelope(0, "", new JsonObject(_products.Values.Select(p => new KeyValuePair<string, JsonNode?>(p.Id, new JsonObject
            {
                ["nazwa"] = System.Net.WebUtility.HtmlEncode(p.Name),
                ["kod_produktu"] = p.Code,
                ["cena_netto"] = p.Net.ToString(CultureInfo.InvariantCulture).Replace('.', ','),
                ["cena_brutto"] = p.Gross.ToString(CultureInfo.InvariantCulture),
                ["stawka_vat"] = RateOf(p.VatId).ToString(CultureInfo.InvariantCulture),
                ["nazwa_kategorii"] = p.Category,
                ["kod_kreskowy"] = p.Barcode,
                ["rodzaj"] = p.IsService ? "1" : "0",
                ["ilosc"] = _quantities.Where(q => q.Key.ProductId == p.Id).Sum(q => q.Value).ToString(CultureInfo.InvariantCulture),
            })))),

            // Documented (§3.3, two independent clients): an object keyed by the Systim product id whose records carry
            // nazwa_produktu, kod_kreskowy and ilosc only: no product code, no product id field.
            "listPQuantities" => Envelope(0, "", new JsonObject(_quantities.Where(q => q.Key.Warehouse == fields.GetValueOrDefault("id_magazynu")).Select(q => new KeyValuePair<string, JsonNode?>(q.Key.ProductId, new JsonObject
            {
                ["nazwa_produktu"] = _products[q.Key.ProductId].Name,
                ["kod_kreskowy"] = _products[q.Key.ProductId].Barcode,
                ["ilosc"] = q.Value.ToString("0.00", CultureInfo.InvariantCulture),
            })))),
            // Documented as the example list method; its record fields are not shown (ASSUMPTION: a year's id and name).
            "listAccountingYears" => Envelope(0, "", new JsonObject { ["1"] = new JsonObject { ["nazwa"] = "2026" } }),
            "addProduct" => AddProduct(fields),
            "addOrder" => AddOrder(fields),
            "listOrders" => Envelope(0, "", new JsonArray([.. _orders.Where(o => !fields.TryGetValue("numer", out var n) || o.Number == n).Select(o => (JsonNode)new JsonObject { ["id"] = o.Id, ["numer"] = o.Number })])),
            _ => Envelope(1, $"Nieznana metoda: {act}"),
        };
    }

    private SimResponse AddProduct(Dictionary<string, string> f)
    {
        foreach (var required in new[] { "nazwa", "cena_netto", "cena_brutto", "id_kategorii", "stawka_vat", "rodzaj" })
        {
            if (string.IsNullOrEmpty(f.GetValueOrDefault(required)))
            {
                return Envelope(4, $"Brak wymaganego pola: {required}");
            }
        }

        var id = (++_next).ToString(CultureInfo.InvariantCulture);
        _products[id] = new SystimProduct
        {
            Id = id,
            Code = f.GetValueOrDefault("kod_produktu") ?? "",
            Name = f["nazwa"],
            Net = decimal.Parse(f["cena_netto"], CultureInfo.InvariantCulture),
            Gross = decimal.Parse(f["cena_brutto"], CultureInfo.InvariantCulture),
            VatId = f["stawka_vat"],
            IsService = f.GetValueOrDefault("rodzaj") == "1",
            Barcode = f.GetValueOrDefault("kod_kreskowy") ?? "",
        };
        return Envelope(0, "", JsonValue.Create(id));
    }

    private SimResponse AddOrder(Dictionary<string, string> f)
    {
        foreach (var required in new[] { "nazwa", "kod", "miejscowosc", "ulica", "nazwa_dostawy", "kod_dostawy", "miejscowosc_dostawy", "ulica_dostawy", "id_dostawy", "produkty[0][id]" })
        {
            if (string.IsNullOrEmpty(f.GetValueOrDefault(required)))
            {
                return Envelope(4, $"Brak wymaganego pola: {required}");
            }
        }

        for (var i = 0; f.TryGetValue($"produkty[{i}][id]", out var productId); i++)
        {
            if (!_products.ContainsKey(productId))
            {
                return Envelope(5, $"Nie znaleziono produktu o id {productId}");
            }
        }

        var id = (++_next).ToString(CultureInfo.InvariantCulture);
        _orders.Add(new SystimOrder(id, f.Where(p => p.Key != "token").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)));
        return Envelope(0, "", JsonValue.Create(id));
    }

    private static decimal RateOf(string vatId) => vatId switch { "2" => 8m, "3" => 5m, "4" => 0m, _ => 23m };

    private static SimResponse Envelope(int code, string message, JsonNode? result = null) =>
        new(200, "application/json", new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message }, ["result"] = result ?? new JsonArray() }.ToJsonString());
}
