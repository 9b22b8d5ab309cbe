using System.Text.Json.Nodes;
using Connectors.Sync;
using UnasToWebshippy;

namespace Connectors.Samples.Tests;

public sealed class UnasToWebshippyEndToEndTests(Xunit.Abstractions.ITestOutputHelper log) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("unas-to-webshippy-").FullName;
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private UnasToWebshippyApp _app = null!;

    private Connectors.Testing.UnasSimulator Unas => _app.Unas!;

    private Connectors.Testing.WebshippySimulator Webshippy => _app.Webshippy!;

    public Task InitializeAsync()
    {
        _app = UnasToWebshippyApp.Create([], overrides: new Dictionary<string, string?> { ["Connectors:StatePath"] = Path.Combine(_folder, "state.db") }, time: _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Ten minutes pass (one schedule tick), then every pipeline runs once.</summary>
    private Task<IReadOnlyList<SyncReport>> RunAsync(bool dryRun = false)
    {
        _time.Advance(TimeSpan.FromMinutes(10));
        return _app.RunOnceAsync(dryRun);
    }

    private static SyncItemOutcome Item(IReadOnlyList<SyncReport> reports, string pipeline, string key) =>
        reports.Single(r => r.Pipeline == pipeline).Items.Single(i => i.Key == key);

    [Fact]
    public async Task Forward_status_orders_arrive_in_Webshippy_with_lines_prices_address_and_cod_amount()
    {
        await RunAsync();

        var order = Webshippy.OrderFor("1000-1001")!.Payload;
        var products = order["products"]!.AsArray();
        Assert.Equal(["PÓLÓ-PIROS-M", "BÖGRE-350"], products.Select(p => (string?)p!["sku"]));
        Assert.Equal(4990m, products[0]!["priceGross"]!.GetValue<decimal>());
        Assert.Equal(2m, products[0]!["quantity"]!.GetValue<decimal>());
        Assert.Equal(0.27m, products[0]!["vat"]!.GetValue<decimal>());
        Assert.Equal("cod", (string?)order["payment"]!["paymentMode"]);
        Assert.Equal(2 * 4990m + 2490m + 1490m - 1000m, order["payment"]!["codAmount"]!.GetValue<decimal>());
        Assert.Equal(1490m, order["payment"]!["shippingPrice"]!.GetValue<decimal>());
        Assert.Equal(0.27m, order["payment"]!["shippingVat"]!.GetValue<decimal>());
        Assert.Equal("1114", (string?)order["shipping"]!["zip"]);
        Assert.Equal("Bartók Béla út 12. 3/4", (string?)order["shipping"]!["address1"]);
        Assert.Contains("délután", (string?)order["shipping"]!["note"]);
        Assert.Equal("card", (string?)Webshippy.OrderFor("1000-1002")!.Payload["payment"]!["paymentMode"]);

        Assert.Null(Webshippy.OrderFor("1000-1003"));
        Assert.Null(Webshippy.OrderFor("1000-1007"));
    }

    [Fact]
    public async Task The_unknown_sku_and_the_no_address_orders_are_held_with_reasons()
    {
        var reports = await RunAsync();

        var unknown = Item(reports, "orders", "1000-1004");
        Assert.Equal(SyncOutcome.Held, unknown.Outcome);
        Assert.Contains("AJÁNDÉKKÁRTYA-5000", unknown.Reason);
        Assert.Equal("no shipping address", Item(reports, "orders", "1000-1005").Reason);
        Assert.Null(Webshippy.OrderFor("1000-1004"));
        Assert.Null(Webshippy.OrderFor("1000-1005"));
        Assert.DoesNotContain(reports, r => r.HasFailures);
    }

    [Fact]
    public async Task A_second_run_sends_nothing_twice()
    {
        await RunAsync();
        var creates = Webshippy.Requests.Count(r => r.Function == "CreateOrder");
        var productCreates = Webshippy.Requests.Count(r => r.Function == "CreateProduct");

        var second = await RunAsync();

        Assert.Equal(creates, Webshippy.Requests.Count(r => r.Function == "CreateOrder"));
        Assert.Equal(productCreates, Webshippy.Requests.Count(r => r.Function == "CreateProduct"));
        Assert.Equal(3, Webshippy.Orders.Count);
        Assert.DoesNotContain(second.SelectMany(r => r.Items), i => i.Outcome == SyncOutcome.Written);
    }

    [Fact]
    public async Task Fulfilment_in_Webshippy_writes_the_mapped_status_and_package_number_back_into_Unas()
    {
        await RunAsync();
        Webshippy.Fulfil("1000-1001", "GLS-0042");
        Webshippy.Refuse("1000-1002");

        var reports = await RunAsync();

        Assert.Equal("4", Unas.Orders["1000-1001"].StatusCode);
        Assert.Equal("GLS-0042", Unas.Orders["1000-1001"].PackageNumber);
        Assert.Equal("6", Unas.Orders["1000-1002"].StatusCode);
        Assert.Contains("tracking GLS-0042", Item(reports, "statuses", "1000-1001").Reason);

        Webshippy.ConfirmDelivery("1000-1001");
        await RunAsync();
        Assert.Equal("5", Unas.Orders["1000-1001"].StatusCode);
        Assert.Equal(2, Unas.Requests.Count(r => r.Function == "setOrder" && r.Body.Contains("<Key>1000-1001</Key>", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Changed_warehouse_stock_reaches_Unas_and_only_the_change_is_sent()
    {
        await RunAsync();
        Assert.Equal(14, Unas.StockOf("PÓLÓ-PIROS-M"));
        Assert.Equal(2.5m, Unas.StockOf("TÁSKA-VÁSZON"));
        var calls = Unas.Requests.Count(r => r.Function == "setStock");

        Webshippy.SetStock("BÖGRE-350", 7);
        await RunAsync();

        Assert.Equal(7, Unas.StockOf("BÖGRE-350"));
        var last = Unas.Requests.Where(r => r.Function == "setStock").Skip(calls).ToList();
        var sent = Assert.Single(last);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(sent.Body, "<Product>"));
    }

    [Fact]
    public async Task Dry_run_changes_nothing_in_either_simulator()
    {
        var reports = await RunAsync(dryRun: true);

        Assert.Contains(reports.SelectMany(r => r.Items), i => i.Outcome == SyncOutcome.WouldWrite);
        Assert.Empty(Webshippy.Orders);
        Assert.Equal(4, Webshippy.Products.Count);
        Assert.Equal(0, Unas.StockOf("NAPTÁR-2027"));
        Assert.DoesNotContain(Webshippy.Requests, r => r.Function is "CreateOrder" or "CreateProduct" or "deleteOrder");
        Assert.DoesNotContain(Unas.Requests, r => r.Function is "setOrder" or "setStock" or "setProduct");

        await RunAsync();
        Assert.Equal(3, Webshippy.Orders.Count);
    }

    [Fact]
    public async Task A_deleted_order_is_cancelled_in_Webshippy_while_new_and_reported_once_packing()
    {
        await RunAsync();
        Webshippy.StartPacking("1000-1002");
        Unas.SetOrderStatus("1000-1006", "9");
        Unas.SetOrderStatus("1000-1002", "9");

        var reports = await RunAsync();

        Assert.Null(Webshippy.OrderFor("1000-1006"));
        Assert.Equal("cancelled in the target", Item(reports, "orders", "1000-1006").Reason);
        Assert.NotNull(Webshippy.OrderFor("1000-1002"));
        Assert.Contains("started processing", Item(reports, "orders", "1000-1002").Reason);
    }

    [Fact]
    public async Task The_command_line_runs_once_writes_the_report_and_exits_zero()
    {
        var report = Path.Combine(_folder, "report.json");
        var output = new StringWriter();

        var exit = await UnasToWebshippyApp.MainAsync(["--once", "--report", report, $"Connectors:StatePath={Path.Combine(_folder, "cli.db")}"], output);

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(report))!["Pipelines"]!.AsArray();
        Assert.Equal(["orders", "statuses", "stock"], json.Select(r => (string?)r!["Pipeline"]));
        Assert.Contains("orders    created 3, held 2, skipped 2", output.ToString());
        Assert.Contains("[orders] 1000-1005: held for 10 min - no shipping address", output.ToString().Replace("less than a minute", "10 min"));
        Assert.DoesNotContain("WouldWrite", output.ToString());
        Assert.DoesNotContain("Reported", output.ToString());
    }

    [Fact]
    public async Task A_pipeline_another_run_holds_is_reported_as_not_run_with_the_holder_and_once_exits_non_zero()
    {
        var state = Path.Combine(_folder, "leased.db");
        var store = new Connectors.Storage.Sqlite.SqliteSyncStateStore(state);
        await store.TryAcquireLeaseAsync("orders", "host-b:4242 since 2026-03-10T11:58:00Z", NodaTime.SystemClock.Instance.GetCurrentInstant(), NodaTime.Duration.FromMinutes(1));
        var output = new StringWriter();

        var exit = await UnasToWebshippyApp.MainAsync(["--once", $"Connectors:StatePath={state}"], output);

        Assert.Equal(1, exit);
        Assert.Contains("orders    NOT RUN: another run holds this pipeline's lease: host-b:4242 since 2026-03-10T11:58:00Z", output.ToString());
        Assert.DoesNotContain(output.ToString().Split('\n'), l => l.StartsWith("  orders", StringComparison.Ordinal) && l.Contains("nothing to do", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Products_are_imported_only_when_asked_and_only_the_import_runs()
    {
        await RunAsync();
        Assert.Equal(4, Webshippy.Products.Count);

        var output = new StringWriter();
        var reports = await _app.RunOnceAsync(dryRun: false, output, requested: [_app.ProductImport!]);

        Assert.Equal(["products"], reports.Select(r => r.Pipeline));
        Assert.Equal(6, Webshippy.Products.Count);
        Assert.Equal(["KÖNYVJELZŐ-FA", "NAPTÁR-2027"], reports[0].Where(SyncOutcome.Written).Select(i => i.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Held_orders_are_listed_on_every_run_with_when_they_were_held()
    {
        await RunAsync();
        var heldAt = _time.GetUtcNow();

        var second = await RunAsync();

        var held = second.Single(r => r.Pipeline == "orders").StillHeld;
        Assert.Equal(["1000-1004", "1000-1005"], held.Select(h => h.Key).Order(StringComparer.Ordinal));
        Assert.All(held, h => Assert.Equal(NodaTime.Instant.FromDateTimeOffset(heldAt), h.Since));
        Assert.Contains("held for 10 min - no shipping address", _app.Summarize(second, dryRun: false));
    }

    [Fact]
    public async Task The_first_stock_run_writes_only_levels_that_differ_from_the_shop()
    {
        var reports = await RunAsync();

        var stock = reports.Single(r => r.Pipeline == "stock");
        Assert.Equal("1 level(s) already right in unas", stock.Items.Single(i => i.Outcome == SyncOutcome.Unchanged).Reason);
        Assert.DoesNotContain(stock.Items, i => i.Key == "BÖGRE-350");
        Assert.Equal("unas stock set to 2.5, was 15", Item(reports, "stock", "TÁSKA-VÁSZON").Reason);
    }

    [Fact]
    public async Task Calls_per_forwarded_order_and_per_idle_run_stay_at_the_floor()
    {
        var reports = await RunAsync();
        var created = reports.Single(r => r.Pipeline == "orders").Where(SyncOutcome.Written).Count();
        var first = Calls(0, 0);

        // The idle run is a new process, as a scheduler's `--once` is: same state file, same platforms, a fresh login.
        var (unas, webshippy) = (Unas.Requests.Count, Webshippy.Requests.Count);
        _time.Advance(TimeSpan.FromMinutes(10));
        await using var second = UnasToWebshippyApp.Create([], overrides: new Dictionary<string, string?>
        {
            ["Connectors:StatePath"] = Path.Combine(_folder, "state.db"),
            ["Connectors:Unas:BaseUrl"] = Unas.BaseUrl, ["Connectors:Unas:ApiKey"] = Unas.ApiKey, ["Connectors:Unas:Plan"] = "Vip",
            ["Connectors:Webshippy:BaseUrl"] = Webshippy.BaseUrl, ["Connectors:Webshippy:ApiKey"] = Webshippy.ApiKey,
        }, time: _time);
        var idle = await second.RunOnceAsync(dryRun: false);
        var idleCalls = Calls(unas, webshippy);

        log.WriteLine($"first run: {first.Count} calls for {created} created orders ({(double)first.Count / created:0.00} per order): {string.Join(", ", first)}");
        log.WriteLine($"idle run: {idleCalls.Count} calls: {string.Join(", ", idleCalls)}");
        Assert.DoesNotContain(idle, r => r.Items.Any(i => i.Outcome is SyncOutcome.Written or SyncOutcome.Failed));

        // Floor: login, getOrder, GetProduct (line matching), one CreateOrder per order, GetOrder (fulfilment), the stock
        // CSV, Unas getProduct (stock matching) and one setStock batch; idle: getOrder, GetOrder, the stock CSV — no login:
        // the first run's Unas token is still valid and kept in the state store, so the next process reuses it.
        Assert.Equal(7 + created, first.Count);
        Assert.Equal(["getOrder", "GetOrder", "getStockInfoCsv"], idleCalls);
    }

    private List<string> Calls(int unasFrom, int webshippyFrom) =>
        [.. Unas.Requests.Skip(unasFrom).Select(r => r.Function), .. Webshippy.Requests.Skip(webshippyFrom).Select(r => r.Function)];
}
