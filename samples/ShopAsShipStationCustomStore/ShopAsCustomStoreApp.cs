using Connectors.Hosting;
using Connectors.Model;
using Connectors.Samples;
using Connectors.ShipStation.AspNetCore;
using Connectors.Storage.Sqlite;
using Connectors.Testing;
using Connectors.Unas;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace ShopAsShipStationCustomStore;

/// <summary>
/// Any shop fulfilled by ShipStation with no other code: the Unas connector served as a ShipStation Custom Store on the
/// URLs given by <c>--urls</c> (<c>/shipstation</c>: ShipStation's export reads the shop's orders, its ship notices land
/// in the inbox) and a fulfilment-updates pipeline writing ShipStation's shipments back into Unas through its status
/// pairs. With <c>--once</c> it only applies the ship notices already received. A simulated Unas when none is configured.
/// </summary>
public sealed class ShopAsCustomStoreApp : SampleApp
{
    /// <summary>The one pipeline: ship notices into the shop.</summary>
    public static readonly string[] Pipelines = ["shipnotify"];

    /// <summary>Where the Custom Store is served.</summary>
    public const string StorePath = "/shipstation";

    private ShopAsCustomStoreApp(IHost host, UnasSimulator? unas, (string User, string Password) credentials)
        : base(host, Pipelines, unas is not null)
    {
        Unas = unas;
        Credentials = credentials;
    }

    /// <summary>The embedded Unas simulator, when none was configured.</summary>
    public UnasSimulator? Unas { get; }

    /// <summary>The Custom Store credentials to enter in ShipStation's form.</summary>
    public (string User, string Password) Credentials { get; }

    /// <summary>Entry point used by tests: the same as the console's.</summary>
    public static Task<int> MainAsync(string[] args, TextWriter output) =>
        SampleApp.MainAsync(args, output, "A Unas shop served as a ShipStation Custom Store (--urls); ShipStation's shipments written back into the shop.", (hostArgs, scheduled) => Create(hostArgs, scheduled));

    /// <summary>Builds the host: a web host serving the Custom Store when <paramref name="scheduled"/>.</summary>
    public static ShopAsCustomStoreApp Create(string[] args, bool scheduled = false, IDictionary<string, string?>? overrides = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        const string sample = "ShopAsShipStationCustomStore";
        IHostApplicationBuilder builder = scheduled
            ? Prepare(WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = SettingsRoot(sample) }), overrides, time, services)
            : CreateBuilder(sample, args, overrides, time, services);
        var config = builder.Configuration;
        UnasSimulator? unas = null;
        if (UseEmbeddedSimulators(config, ("Connectors:Unas", ["ApiKey"])))
        {
            unas = UnasSimulator.Start(time);
            Seed(unas, Instant.FromDateTimeOffset((time ?? TimeProvider.System).GetUtcNow()));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectors:Unas:BaseUrl"] = unas.BaseUrl,
                ["Connectors:Unas:ApiKey"] = unas.ApiKey,
                ["Connectors:Unas:Plan"] = "Vip",
            });
            if (string.IsNullOrEmpty(config["Connectors:CustomStoreServer:Username"]))
            {
                // The demo's Custom Store credentials; a real set-up configures its own (they guard the shop's orders).
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Connectors:CustomStoreServer:Username"] = "shipstation",
                    ["Connectors:CustomStoreServer:Password"] = "demo-custom-store-password",
                });
            }
        }

        builder.Services.AddUnasConnector(config.GetSection("Connectors:Unas"));
        builder.Services.AddShipStationCustomStore(config.GetSection("Connectors:CustomStoreServer"));
        var connectors = UseState(builder.Services.AddConnectors(), config, "shop-as-custom-store.db")
            .AddStatusPairs(config.GetSection("Connectors:StatusPairs"))
            .AddFulfilmentUpdates("shipnotify", config.GetSection("Connectors:Pipelines:shipnotify"));
        var credentials = (config["Connectors:CustomStoreServer:Username"] ?? "", config["Connectors:CustomStoreServer:Password"] ?? "");
        if (!scheduled)
        {
            return new ShopAsCustomStoreApp(Build(builder), unas, credentials);
        }

        AddScheduling(connectors, config);
        var web = Build(builder, app => app.MapShipStationCustomStore(StorePath));
        return new ShopAsCustomStoreApp(web, unas, credentials);
    }

    /// <inheritdoc />
    public override string Describe() => Embedded
        ? $"No Unas settings given: using an embedded Unas simulator ({Unas!.BaseUrl}) with demo orders. The Custom Store is served at {StorePath} on --urls (user '{Credentials.User}')."
        : $"Serving the configured Unas shop as a ShipStation Custom Store at {StorePath} on --urls.";

    /// <inheritdoc />
    protected override void DisposeSimulators() => Unas?.Dispose();

    private static void Seed(UnasSimulator unas, Instant now)
    {
        foreach (var (id, name) in new Dictionary<string, string> { ["1"] = "Beérkezett", ["2"] = "Csomagolható", ["4"] = "Futárnak átadva", ["9"] = "Törölt" })
        {
            unas.Statuses[id] = name;
        }

        unas.AddProduct(new Product { Code = "PÓLÓ-PIROS-M", PlatformId = "150000001", Name = "Pamut póló, piros, M", GrossPrice = 4990m, VatRate = 27m, Stock = 12 });
        unas.AddProduct(new Product { Code = "BÖGRE-350", PlatformId = "150000002", Name = "Kerámia bögre 350 ml", GrossPrice = 2490m, VatRate = 27m, Stock = 30 });
        var budapest = new Address { Name = "Kovács Éva", Street = "Bartók Béla út 12. 3/4", City = "Budapest", PostalCode = "1114", CountryCode = "HU" };
        unas.PlaceOrder(Order("1000-1001", now - Duration.FromHours(3), "Kovács Éva", budapest, [Line("PÓLÓ-PIROS-M", "Pamut póló, piros, M", 2, 4990m), Line("BÖGRE-350", "Kerámia bögre 350 ml", 1, 2490m)]));
        unas.PlaceOrder(Order("1000-1002", now - Duration.FromHours(2), "Szabó Péter", budapest with { Name = "Szabó Péter", Street = "Kárász utca 6.", City = "Szeged", PostalCode = "6720" }, [Line("BÖGRE-350", "Kerámia bögre 350 ml", 2, 2490m)]));
        unas.PlaceOrder(Order("1000-1003", now - Duration.FromHours(1), "Kiss Gergely", null, [Line("BÖGRE-350", "Kerámia bögre 350 ml", 1, 2490m)]));
    }

    private static OrderLine Line(string sku, string name, decimal quantity, decimal gross) =>
        new() { Sku = sku, Name = name, Quantity = quantity, UnitPriceGross = gross, VatRate = 27m, Unit = "db" };

    private static Order Order(string key, Instant at, string customer, Address? address, OrderLine[] lines) => new()
    {
        SourceSystem = "unas",
        SourceId = key,
        Number = key,
        StatusCode = "2",
        CreatedAt = at,
        ModifiedAt = at,
        Currency = "HUF",
        Customer = new CustomerContact { Name = customer, Email = $"{key}@example.hu", Phone = "+36 30 123 4567" },
        BillingAddress = address,
        ShippingAddress = address,
        ShippingMethod = "GLS futárszolgálat",
        Payment = new PaymentInfo { Method = "Bankkártya" },
        Totals = new OrderTotals { ShippingGross = 1490m },
        Lines = [.. lines],
    };
}
