using Connectors.Matching;
using Connectors.Sync;
using ShoperToSystim;

namespace Connectors.Samples.Tests;

/// <summary>Seed 004 end to end, on real time: the Shoper client paces itself by the simulator's leaky-bucket headers.</summary>
public sealed class ShoperToSystimEndToEndTests(Xunit.Abstractions.ITestOutputHelper log) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shoper-to-systim-").FullName;
    private ShoperToSystimApp _app = null!;

    private Connectors.Testing.ShoperSimulator Shoper => _app.Shoper!;

    private Connectors.Testing.SystimSimulator Systim => _app.Systim!;

    public Task InitializeAsync()
    {
        _app = ShoperToSystimApp.Create([], overrides: new Dictionary<string, string?> { ["Connectors:StatePath"] = Path.Combine(_folder, "state.db") });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static SyncItemOutcome Item(IReadOnlyList<SyncReport> reports, string pipeline, string key) =>
        reports.Single(r => r.Pipeline == pipeline).Items.Single(i => i.Key == key);

    [Fact]
    public async Task Orders_reach_Systim_with_product_ids_and_an_order_with_a_product_Systim_lacks_is_held_not_shortened()
    {
        var reports = await _app.RunOnceAsync(dryRun: false);

        var order = Assert.Single(Systim.Orders, o => o.Number == "1001");
        Assert.Equal(
            [(Systim.Products["KOSZULKA-M"].Id, "2"), (Systim.Products["KUBEK-01"].Id, "1")],
            order.Lines);
        Assert.Equal("Warszawa", order.Fields["miejscowosc_dostawy"]);
        Assert.Equal("00-590", order.Fields["kod_dostawy"]);
        Assert.Equal("Katarzyna", order.Fields["imie"]);
        Assert.Equal("1", order.Fields["produkty[0][id_stawki_vat]"]);

        var held = Item(reports, "orders", "1002");
        Assert.Equal(SyncOutcome.Held, held.Outcome);
        Assert.Contains("SKARPETY-3P", held.Reason);
        Assert.DoesNotContain(Systim.Orders, o => o.Number == "1002");
        Assert.Contains("not a forward status", Item(reports, "orders", "1004").Reason);
    }

    [Fact]
    public async Task Stock_follows_seed_004_rules_and_the_report_names_the_failed_rule_with_both_values()
    {
        await _app.RunOnceAsync(dryRun: false);
        var match = _app.LastMatchReport!;

        Assert.Equal(7m, Shoper.Products["KOSZULKA-M"].Warehouses["1"]);
        Assert.Equal(4m, Shoper.Products["KSIĄŻKA-ŁÓDŹ"].Warehouses["1"]);
        Assert.Equal(5m, Shoper.Products["HERBATA-ZIELONA"].Stock);

        var herbata = match.Items.Single(i => i.Code == "HERBATA-ZIELONA");
        Assert.Equal(MatchKind.Ineligible, herbata.Kind);
        Assert.Equal(new RuleFailure(MatchRule.SameCategory, "Spożywcze", "spożywcze"), Assert.Single(herbata.Failures));
        Assert.Equal(MatchRule.PositiveGrossPrice, Assert.Single(match.Items.Single(i => i.Code == "ŚWIECA-ZAPACH").Failures).Rule);
        Assert.Equal(MatchRule.MinimumMasterStock, Assert.Single(match.Items.Single(i => i.Code == "PLECAK-20L").Failures).Rule);
        Assert.Equal(MatchKind.MissingInTarget, match.Items.Single(i => i.Code == "KUBEK-01").Kind);
        Assert.Equal(MatchKind.MissingInSource, match.Items.Single(i => i.Code == "KUBEK-01 ").Kind);
    }

    [Fact]
    public async Task Products_Shoper_lacks_are_sent_and_a_second_run_sends_nothing_twice()
    {
        await _app.RunOnceAsync(dryRun: false);
        Assert.Equal("Kalendarz ścienny 2027", Shoper.Products["KALENDARZ-2027"].Name);
        var orders = Systim.Orders.Count;

        var second = await _app.RunOnceAsync(dryRun: false);

        Assert.Equal(orders, Systim.Orders.Count);
        Assert.DoesNotContain(second.Single(r => r.Pipeline == "products").Items, i => i.Outcome == SyncOutcome.Written);
        Assert.DoesNotContain(second.Single(r => r.Pipeline == "orders").Items, i => i.Outcome == SyncOutcome.Written);
    }

    [Fact]
    public async Task Dry_run_writes_nothing_to_either_simulator()
    {
        var before = Shoper.Products["KOSZULKA-M"].Warehouses["1"];
        await _app.RunOnceAsync(dryRun: true);
        Assert.Empty(Systim.Orders);
        Assert.False(Shoper.Products.ContainsKey("KALENDARZ-2027"));
        Assert.Equal(before, Shoper.Products["KOSZULKA-M"].Warehouses["1"]);
        Assert.DoesNotContain(Shoper.Requests, r => r.Function.StartsWith("PUT", StringComparison.Ordinal) || r.Function == "POST bulk" || r.Function == "POST products");
    }

    [Fact]
    public async Task Orders_keep_their_delivery_and_payment_methods_and_what_addOrder_cannot_take_goes_into_uwagi_and_the_report()
    {
        var reports = await _app.RunOnceAsync(dryRun: false);

        var order = Assert.Single(Systim.Orders, o => o.Number == "1001");
        Assert.Equal("2", order.Fields["id_dostawy"]);
        Assert.Equal("4", order.Fields["id_formy_platnosci"]);
        Assert.Contains("Koszt dostawy: 14.99 PLN", order.Fields["uwagi"]);
        Assert.Contains("Pobranie: 162.98 PLN", order.Fields["uwagi"]);
        Assert.Contains("written into uwagi, as addOrder has no field for it: shipping cost 14.99 PLN, cash on delivery 162.98 PLN", Item(reports, "orders", "1001").Reason);
    }

    [Fact]
    public async Task Systim_stock_reaches_Shoper_through_the_product_list_and_rounding_is_explained_per_SKU()
    {
        var reports = await _app.RunOnceAsync(dryRun: false);

        Assert.Equal(7m, Shoper.Products["KOSZULKA-M"].Warehouses["1"]);
        Assert.Equal("shoper stock set to 7, was 2 (systim has 7.5; shoper takes whole numbers only, rounded down)", Item(reports, "stock", "KOSZULKA-M").Reason);
        Assert.Contains(Systim.Requests, r => r.Function == "listPQuantities");
    }

    [Fact]
    public async Task A_disabled_pipeline_does_not_run_in_a_once_pass()
    {
        await _app.DisposeAsync();
        _app = ShoperToSystimApp.Create([], overrides: new Dictionary<string, string?>
        {
            ["Connectors:StatePath"] = Path.Combine(_folder, "disabled.db"),
            ["Connectors:Pipelines:products:Enabled"] = "false",
        });

        var reports = await _app.RunOnceAsync(dryRun: false);

        Assert.False(Shoper.Products.ContainsKey("KALENDARZ-2027"));
        Assert.DoesNotContain(Shoper.Requests, r => r.Function == "POST products");
        Assert.Equal("not run: disabled in configuration (Connectors:Pipelines:products:Enabled is false)", reports.Single(r => r.Pipeline == "products").Note);
    }

    [Fact]
    public async Task An_idle_run_makes_only_the_reads_needed_to_see_that_nothing_changed()
    {
        var reports = await _app.RunOnceAsync(dryRun: false);
        var created = reports.Single(r => r.Pipeline == "orders").Where(SyncOutcome.Written).Count();
        var first = Calls(0, 0);

        // The idle run is a new process, as a scheduler's `--once` is: same state file, same platforms, fresh tokens.
        var (shoper, systim) = (Shoper.Requests.Count, Systim.Requests.Count);
        await using var second = ShoperToSystimApp.Create([], overrides: new Dictionary<string, string?>
        {
            ["Connectors:StatePath"] = Path.Combine(_folder, "state.db"),
            ["Connectors:Shoper:BaseUrl"] = Shoper.BaseUrl, ["Connectors:Shoper:ClientId"] = Shoper.ClientId, ["Connectors:Shoper:ClientSecret"] = Shoper.ClientSecret,
            ["Connectors:Systim:BaseUrl"] = Systim.BaseUrl, ["Connectors:Systim:Login"] = Systim.Login, ["Connectors:Systim:Password"] = Systim.Password,
        });
        var idle = await second.RunOnceAsync(dryRun: false);
        var idleCalls = Calls(shoper, systim);

        log.WriteLine($"first run: {first.Count} calls, {created} orders created: {string.Join(", ", first)}");
        log.WriteLine($"idle run: {idleCalls.Count} calls: {string.Join(", ", idleCalls)}");
        Assert.DoesNotContain(idle, r => r.Items.Any(i => i.Outcome is SyncOutcome.Written or SyncOutcome.Failed));

        // Floor: no token (the first run's tokens are still valid and kept in the state store); products needs both catalogs
        // (Shoper's with its taxes and categories); orders one page; stock the Systim quantities (codes from the product list
        // already read). Statuses are read only with an order.
        Assert.Equal(
            ["GET categories", "GET orders", "GET products", "GET taxes", "listPQuantities", "listProducts"],
            idleCalls.Order(StringComparer.Ordinal));
    }

    private List<string> Calls(int shoperFrom, int systimFrom) =>
        [.. Shoper.Requests.Skip(shoperFrom).Select(r => r.Function), .. Systim.Requests.Skip(systimFrom).Select(r => r.Function)];
}
