using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connectors.Testing;

/// <summary>
/// A Xero organisation on a local port (platforms file §7.3): the OAuth token endpoint (<c>/connect/token</c>) with
/// rotating refresh tokens (a used one is refused with <c>invalid_grant</c>), and the Accounting API under
/// <c>/api.xro/2.0/</c> checking the bearer token and <c>xero-tenant-id</c>: Invoices, Contacts, Payments,
/// BankTransactions, CreditNotes (PUT to create, GET with <c>where</c> on Reference / Name / Type), Organisation; 60 calls
/// a minute with <c>X-MinLimit-Remaining</c> / <c>X-DayLimit-Remaining</c> and 429 with <c>Retry-After</c> beyond. A
/// stateful ledger to inspect. ASSUMPTIONS (docs L): the 400 ValidationException shape, an invoice's Total as Σ
/// LineAmount + Σ TaxAmount, AmountDue falling with payments.
/// </summary>
public sealed partial class XeroSimulator : IDisposable
{
    private readonly SimulatorServer _server;
    private readonly SimulatedOAuth _oauth = new("xero-sim-client", "xero-sim-secret", "refresh-", "access-");
    private readonly TimeProvider _time;
    private readonly Dictionary<string, List<JsonObject>> _ledger = new(StringComparer.Ordinal)
    {
        ["Invoices"] = [], ["Contacts"] = [], ["Payments"] = [], ["BankTransactions"] = [], ["CreditNotes"] = [],
    };

    private readonly List<RecordedRequest> _requests = [];
    private DateTimeOffset _windowStart;
    private int _windowCalls;
    private int _dayCalls;

    private XeroSimulator(TimeProvider? time)
    {
        _time = time ?? TimeProvider.System;
        _windowStart = _time.GetUtcNow();
        _server = new SimulatorServer("/", Handle);
    }

    /// <summary>Starts a simulator on a free loopback port.</summary>
    public static XeroSimulator Start(TimeProvider? time = null) => new(time);

    /// <summary>The address to configure as <c>Connectors:Xero:BaseUrl</c>.</summary>
    public string BaseUrl => _server.Url + "/api.xro/2.0/";

    /// <summary>The address to configure as <c>Connectors:Xero:TokenUrl</c>.</summary>
    public string TokenUrl => _server.Url + "/connect/token";

    /// <summary>OAuth client id.</summary>
    public string ClientId => _oauth.ClientId;

    /// <summary>OAuth client secret.</summary>
    public string ClientSecret => _oauth.ClientSecret;

    /// <summary>The organisation's tenant id.</summary>
    public string TenantId { get; } = "3f1f7e1c-0000-4000-8000-000000000001";

    /// <summary>The refresh token valid now (each refresh replaces it).</summary>
    public string RefreshToken => _server.Locked(() => _oauth.RefreshToken);

    /// <summary>Calls a minute before 429 (Xero: 60).</summary>
    public int CallsPerMinute { get; set; } = 60;

    /// <summary>Documents of a kind as posted (Invoices, Contacts, Payments, BankTransactions, CreditNotes).</summary>
    public IReadOnlyList<JsonObject> Documents(string kind) => _server.Locked(() => (IReadOnlyList<JsonObject>)[.. _ledger[kind].Select(d => (JsonObject)d.DeepClone())]);

    /// <summary>Every request ("METHOD path?query", then the body).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _server.Locked(() => (IReadOnlyList<RecordedRequest>)[.. _requests]);

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();

    private SimResponse Handle(SimRequest r)
    {
        _requests.Add(new RecordedRequest($"{r.Method} {r.Path}{(r.RawQuery.Length > 0 ? "?" + Uri.UnescapeDataString(r.RawQuery) : "")}", r.Body));
        if (r.Path == "connect/token")
        {
            return _oauth.Token(r, 400, (access, refresh) => new JsonObject
            {
                ["id_token"] = null, ["access_token"] = access, ["expires_in"] = 1800, ["token_type"] = "Bearer", ["refresh_token"] = refresh, ["scope"] = "accounting.transactions accounting.contacts offline_access",
            });
        }

        var now = _time.GetUtcNow();
        if (now - _windowStart >= TimeSpan.FromMinutes(1))
        {
            (_windowStart, _windowCalls) = (now, 0);
        }

        _windowCalls++;
        _dayCalls++;
        var headers = new Dictionary<string, string>
        {
            ["X-MinLimit-Remaining"] = $"{Math.Max(0, CallsPerMinute - _windowCalls)}",
            ["X-DayLimit-Remaining"] = $"{Math.Max(0, 5000 - _dayCalls)}",
            ["X-AppMinLimit-Remaining"] = "9999",
        };
        if (_windowCalls > CallsPerMinute)
        {
            headers["Retry-After"] = $"{Math.Max(1, (int)Math.Ceiling((_windowStart.AddMinutes(1) - now).TotalSeconds))}";
            headers["X-Rate-Limit-Problem"] = "minute";
            return new SimResponse(429, "application/json", "", headers);
        }

        if (!_oauth.Accepts(r))
        {
            return new SimResponse(401, "application/json", """{"Type":null,"Title":"Unauthorized","Status":401,"Detail":"AuthenticationUnsuccessful"}""", headers);
        }

        if (r.Headers.GetValueOrDefault("xero-tenant-id") != TenantId)
        {
            return new SimResponse(403, "application/json", """{"Type":null,"Title":"Forbidden","Status":403,"Detail":"AuthorizationUnsuccessful"}""", headers);
        }

        var parts = r.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var answer = (r.Method, parts) switch
        {
            ("GET", ["api.xro", "2.0", "Organisation"]) => Json(200, new JsonObject { ["Organisations"] = new JsonArray(new JsonObject { ["Name"] = "Demo Company (Simulator)", ["BaseCurrency"] = "USD" }) }),
            ("GET", ["api.xro", "2.0", var kind]) when _ledger.ContainsKey(kind) => Json(200, new JsonObject { [kind] = new JsonArray([.. _ledger[kind].Where(d => Matches(d, r.Query.GetValueOrDefault("where"))).Select(d => (JsonNode)d.DeepClone())]) }),
            ("PUT" or "POST", ["api.xro", "2.0", var kind]) when _ledger.ContainsKey(kind) => Create(kind, r.Body),
            _ => Json(404, new JsonObject { ["Message"] = $"The resource you're looking for cannot be found: {r.Path}" }),
        };
        return answer with { Headers = headers };
    }

    private static SimResponse Json(int status, JsonNode body) => new(status, "application/json", body.ToJsonString());

    // where=Type=="ACCREC"&&Reference=="#1001" or Name=="shopify sales": equality clauses joined by &&.
    private static bool Matches(JsonObject document, string? where) =>
        where is null || Clause().Matches(where).All(m => string.Equals((string?)document[m.Groups[1].Value], Regex.Unescape(m.Groups[2].Value), StringComparison.Ordinal));

    private SimResponse Create(string kind, string body)
    {
        JsonArray items;
        try
        {
            items = JsonNode.Parse(body)?[kind] as JsonArray ?? throw new JsonException($"the body has no {kind} list");
        }
        catch (JsonException ex)
        {
            return Invalid(ex.Message);
        }

        var created = new JsonArray();
        foreach (var node in items)
        {
            var document = (JsonObject)node!.DeepClone();
            var problem = kind switch
            {
                "Invoices" or "CreditNotes" => Totals(document),
                "Payments" => Pay(document),
                "BankTransactions" => document["BankAccount"]?["Code"] is null ? "A bank account must be specified" : Totals(document),
                "Contacts" => (string?)document["Name"] is { Length: > 0 } name && _ledger["Contacts"].Any(c => (string?)c["Name"] == name) ? $"The contact name {name} is already assigned to another contact." : null,
                _ => null,
            };
            if (problem is not null)
            {
                return Invalid(problem);
            }

            var idField = kind switch { "Invoices" => "InvoiceID", "Contacts" => "ContactID", "Payments" => "PaymentID", "BankTransactions" => "BankTransactionID", _ => "CreditNoteID" };
            document[idField] = Guid.NewGuid().ToString();
            document["UpdatedDateUTC"] = $"/Date({_time.GetUtcNow().ToUnixTimeMilliseconds()}+0000)/";
            _ledger[kind].Add(document);
            created.Add(document.DeepClone());
        }

        return Json(200, new JsonObject { [kind] = created });
    }

    private static string? Totals(JsonObject document)
    {
        decimal sub = 0, tax = 0;
        foreach (var line in document["LineItems"] as JsonArray ?? [])
        {
            var quantity = (decimal?)line!["Quantity"] ?? 1;
            var amount = (decimal?)line["LineAmount"] ?? Math.Round(quantity * ((decimal?)line["UnitAmount"] ?? 0), 2, MidpointRounding.AwayFromZero);
            if ((string?)line["AccountCode"] is not { Length: > 0 })
            {
                return "Account code must be specified";
            }

            sub += amount;
            tax += (decimal?)line["TaxAmount"] ?? 0;
        }

        document["SubTotal"] = sub;
        document["TotalTax"] = tax;
        document["Total"] = sub + tax;
        document["AmountDue"] = sub + tax;
        document["AmountPaid"] = 0m;
        return null;
    }

    private string? Pay(JsonObject payment)
    {
        var invoice = _ledger["Invoices"].FirstOrDefault(i => (string?)i["InvoiceID"] == (string?)payment["Invoice"]?["InvoiceID"]);
        if (invoice is null)
        {
            return "Invoice could not be found";
        }

        var amount = (decimal?)payment["Amount"] ?? 0;
        var due = (decimal?)invoice["AmountDue"] ?? 0;
        if (amount > due)
        {
            return $"Payment amount exceeds the amount outstanding on this document ({due.ToString("0.00", CultureInfo.InvariantCulture)})";
        }

        invoice["AmountDue"] = due - amount;
        invoice["AmountPaid"] = ((decimal?)invoice["AmountPaid"] ?? 0) + amount;
        invoice["Status"] = due - amount == 0 ? "PAID" : invoice["Status"]?.DeepClone();
        return null;
    }

    private static SimResponse Invalid(string message) => Json(400, new JsonObject
    {
        ["ErrorNumber"] = 10,
        ["Type"] = "ValidationException",
        ["Message"] = "A validation exception occurred",
        ["Elements"] = new JsonArray(new JsonObject { ["ValidationErrors"] = new JsonArray(new JsonObject { ["Message"] = message }) }),
    });

    [GeneratedRegex("""(\w+)=="((?:[^"\\]|\\.)*)"(?:&&|$)""")]
    private static partial Regex Clause();
}
