using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connectors.Testing;

/// <summary>
/// A QuickBooks Online company on a local port (platforms file §7.2): the OAuth token endpoint with rotating refresh
/// tokens, and <c>/v3/company/{realmId}/</c> checking the bearer token and <c>minorversion</c>: <c>query</c>
/// (<c>select * from X where F = 'v'</c>), create for SalesReceipt, Invoice, Payment, Purchase, CreditMemo, Item,
/// Customer, read by id, <c>?operation=void</c> for sales receipts; <c>Fault</c> bodies (a duplicate <c>DocNumber</c> is
/// 6140, an unknown item or account a ValidationFault); 500 calls a minute with 429 beyond. Items 1 (Sales), 2
/// (Shipping) and 3 (Services) and accounts exist from the start. ASSUMPTIONS (docs silent): totals as Σ Amount +
/// TxnTaxDetail.TotalTax; duplicate DocNumbers refused per entity.
/// </summary>
public sealed partial class QuickBooksSimulator : IDisposable
{
    private static readonly string[] Creatable = ["SalesReceipt", "Invoice", "Payment", "Purchase", "CreditMemo", "Item", "Customer"];
    private readonly SimulatorServer _server;
    private readonly SimulatedOAuth _oauth = new("qbo-sim-client", "qbo-sim-secret", "AB11-refresh-", "eyJ-access-");
    private readonly TimeProvider _time;
    private readonly Dictionary<string, List<JsonObject>> _entities = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];
    private int _next = 100;
    private DateTimeOffset _windowStart;
    private int _windowCalls;

    private QuickBooksSimulator(TimeProvider? time)
    {
        _time = time ?? TimeProvider.System;
        _windowStart = _time.GetUtcNow();
        foreach (var entity in Creatable)
        {
            _entities[entity] = [];
        }

        _entities["Item"].AddRange([Item("1", "Sales", null), Item("2", "Shipping", null), Item("3", "Services", null)]);
        _server = new SimulatorServer("/", Handle);
    }

    /// <summary>Starts a simulator on a free loopback port.</summary>
    public static QuickBooksSimulator Start(TimeProvider? time = null) => new(time);

    /// <summary>The address to configure as <c>Connectors:QuickBooks:BaseUrl</c>.</summary>
    public string BaseUrl => _server.Url + "/";

    /// <summary>The address to configure as <c>Connectors:QuickBooks:TokenUrl</c>.</summary>
    public string TokenUrl => _server.Url + "/oauth2/v1/tokens/bearer";

    /// <summary>OAuth client id.</summary>
    public string ClientId => _oauth.ClientId;

    /// <summary>OAuth client secret.</summary>
    public string ClientSecret => _oauth.ClientSecret;

    /// <summary>The company id.</summary>
    public string RealmId { get; } = "9130350000000001";

    /// <summary>The refresh token valid now (each refresh replaces it).</summary>
    public string RefreshToken => _server.Locked(() => _oauth.RefreshToken);

    /// <summary>Entities created of a kind (SalesReceipt, Invoice, Payment, Purchase, CreditMemo, Item, Customer).</summary>
    public IReadOnlyList<JsonObject> Entities(string kind) => _server.Locked(() => (IReadOnlyList<JsonObject>)[.. _entities[kind].Select(e => (JsonObject)e.DeepClone())]);

    /// <summary>Adds an item with a SKU (what the company already sells).</summary>
    public string AddItem(string name, string sku) => _server.Locked(() =>
    {
        var item = Item($"{_next++}", name, sku);
        _entities["Item"].Add(item);
        return (string)item["Id"]!;
    });

    /// <summary>Every request ("METHOD path?query", then the body).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _server.Locked(() => (IReadOnlyList<RecordedRequest>)[.. _requests]);

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();

    private static JsonObject Item(string id, string name, string? sku) => new() { ["Id"] = id, ["Name"] = name, ["Sku"] = sku, ["Type"] = "Service", ["SyncToken"] = "0" };

    private SimResponse Handle(SimRequest r)
    {
        _requests.Add(new RecordedRequest($"{r.Method} {r.Path}?{Uri.UnescapeDataString(r.RawQuery)}", r.Body));
        if (r.Path == "oauth2/v1/tokens/bearer")
        {
            return _oauth.Token(r, 401, (access, refresh) => new JsonObject
            {
                ["token_type"] = "bearer", ["expires_in"] = 3600, ["refresh_token"] = refresh, ["x_refresh_token_expires_in"] = 8726400, ["access_token"] = access,
            });
        }

        var now = _time.GetUtcNow();
        if (now - _windowStart >= TimeSpan.FromMinutes(1))
        {
            (_windowStart, _windowCalls) = (now, 0);
        }

        if (++_windowCalls > 500)
        {
            return Fault(429, "ThrottleExceeded", "message=ThrottleExceeded; errorCode=003001; statusCode=429", "003001");
        }

        if (!_oauth.Accepts(r))
        {
            return Fault(401, "AuthenticationFault", "AuthenticationFailed; errorCode=003200; statusCode=401", "3200", "AuthenticationFault");
        }

        var parts = r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not ["v3", "company", var realm, ..] || realm != RealmId)
        {
            return Fault(403, "ApplicationAuthorizationFailed", "errorCode=003100; statusCode=403", "3100", "AuthorizationFault");
        }

        return (r.Method, parts[3..]) switch
        {
            ("GET", ["query"]) => Query(r.Query.GetValueOrDefault("query") ?? ""),
            ("GET", ["companyinfo", _]) => Json(new JsonObject { ["CompanyInfo"] = new JsonObject { ["CompanyName"] = "Sandbox Company (Simulator)", ["Id"] = RealmId } }),
            ("GET", [var entity, var id]) when Kind(entity) is { } kind => _entities[kind].FirstOrDefault(e => (string?)e["Id"] == id) is { } found
                ? Json(new JsonObject { [kind] = found.DeepClone() })
                : Fault(400, "Object Not Found", $"Object Not Found : Something you're trying to use has been made inactive or is not found: {id}", "610"),
            ("POST", [var entity]) when Kind(entity) is { } kind => r.Query.GetValueOrDefault("operation") == "void" ? Void(kind, r.Body) : Create(kind, r.Body),
            _ => Fault(400, "Unsupported Operation", $"Operation {r.Method} {r.Path} is not supported.", "500"),
        };
    }

    private static string? Kind(string path) => Creatable.FirstOrDefault(k => k.Equals(path, StringComparison.OrdinalIgnoreCase));

    private static SimResponse Json(JsonObject body) => new(200, "application/json", body.ToJsonString());

    private SimResponse Fault(int status, string message, string detail, string code, string type = "ValidationFault") =>
        new(status, "application/json", new JsonObject
        {
            ["Fault"] = new JsonObject
            {
                ["Error"] = new JsonArray(new JsonObject { ["Message"] = message, ["Detail"] = detail, ["code"] = code }),
                ["type"] = type,
            },
            ["time"] = _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        }.ToJsonString());

    // select * from Entity where Field = 'value' (a backslash escapes a quote).
    private SimResponse Query(string query)
    {
        var m = Select().Match(query);
        if (!m.Success || Kind(m.Groups[1].Value) is not { } kind)
        {
            return Fault(400, "QueryParserError", $"Encountered an error parsing the query: {query}", "4000");
        }

        var field = m.Groups[2].Value;
        var value = m.Groups[3].Value.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        var found = _entities[kind].Where(e => (string?)e[field] == value).Select(e => (JsonNode)e.DeepClone()).ToList();
        var response = new JsonObject();
        if (found.Count > 0)
        {
            response[kind] = new JsonArray([.. found]);
            response["startPosition"] = 1;
            response["maxResults"] = found.Count;
        }

        return Json(new JsonObject { ["QueryResponse"] = response, ["time"] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) });
    }

    private SimResponse Create(string kind, string body)
    {
        JsonObject entity;
        try
        {
            entity = JsonNode.Parse(body)!.AsObject();
        }
        catch (JsonException ex)
        {
            return Fault(400, "Request has invalid or unsupported property", ex.Message, "2010");
        }

        if ((string?)entity["DocNumber"] is { } number && _entities[kind].Any(e => (string?)e["DocNumber"] == number))
        {
            return Fault(400, "Duplicate Document Number Error", $"Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber={number}", "6140");
        }

        decimal total = 0;
        foreach (var line in entity["Line"] as JsonArray ?? [])
        {
            if (line?["SalesItemLineDetail"]?["ItemRef"]?["value"] is { } item && !_entities["Item"].Any(i => (string?)i["Id"] == (string?)item))
            {
                return Fault(400, "Invalid Reference Id", $"Invalid Reference Id : Item assigned to this transaction has been deleted or does not exist: {item}", "2500");
            }

            total += decimal.Parse(line!["Amount"]?.ToJsonString() ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (kind is "SalesReceipt" or "Invoice" or "CreditMemo")
        {
            total += decimal.Parse(entity["TxnTaxDetail"]?["TotalTax"]?.ToJsonString() ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture);
            entity["TotalAmt"] = total;
            entity["Balance"] = kind == "Invoice" ? total : 0m;
        }
        else if (kind == "Purchase")
        {
            entity["TotalAmt"] = total;
        }
        else if (kind == "Payment")
        {
            var invoiceId = (string?)entity["Line"]?[0]?["LinkedTxn"]?[0]?["TxnId"];
            var invoice = _entities["Invoice"].FirstOrDefault(i => (string?)i["Id"] == invoiceId);
            var amount = decimal.Parse(entity["TotalAmt"]?.ToJsonString() ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture);
            if (invoice is null)
            {
                return Fault(400, "Invalid Reference Id", $"Invalid Reference Id : Invoice {invoiceId} does not exist", "2500");
            }

            invoice["Balance"] = decimal.Parse(invoice["Balance"]!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) - amount;
        }

        entity["Id"] = $"{_next++}";
        entity["SyncToken"] = "0";
        entity["MetaData"] = new JsonObject { ["CreateTime"] = _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) };
        _entities[kind].Add(entity);
        return Json(new JsonObject { [kind] = entity.DeepClone(), ["time"] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) });
    }

    private SimResponse Void(string kind, string body)
    {
        var request = JsonNode.Parse(body)!.AsObject();
        var entity = _entities[kind].FirstOrDefault(e => (string?)e["Id"] == (string?)request["Id"]);
        if (entity is null || (string?)entity["SyncToken"] != (string?)request["SyncToken"])
        {
            return Fault(400, "Stale Object Error", "Stale Object Error : You and another user were working on the same thing.", "5010");
        }

        entity["TotalAmt"] = 0m;
        entity["PrivateNote"] = $"Voided{((string?)entity["PrivateNote"] is { } note ? $" - {note}" : "")}";
        entity["SyncToken"] = "1";
        return Json(new JsonObject { [kind] = entity.DeepClone() });
    }

    [GeneratedRegex(@"select \* from (\w+) where (\w+) = '((?:[^'\\]|\\.)*)'", RegexOptions.IgnoreCase)]
    private static partial Regex Select();
}
