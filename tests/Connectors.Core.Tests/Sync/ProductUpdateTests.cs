using Connectors.Model;
using Connectors.State;
using Connectors.Sync;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Core.Tests.Sync;

/// <summary>Seed 003: product sync creates only, or creates and updates, with the master on either side.</summary>
public class ProductUpdateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeWarehouse _erp = new();
    private readonly FakeShop _shop = new();

    public ProductUpdateTests()
    {
        _erp.Products.AddRange([
            new Product { Code = "MUG", Name = "Mug, blue", GrossPrice = 12.7m, VatRate = 27m },
            new Product { Code = "CUP", Name = "Cup", GrossPrice = 5m, VatRate = 27m },
        ]);
        _shop.Products.AddRange([
            new Product { Code = "MUG", PlatformId = "7", Name = "Mug", GrossPrice = 10m, VatRate = 27m, Barcode = "599" },
            new Product { Code = "CUP", PlatformId = "8", Name = "Cup", GrossPrice = 5m, VatRate = 27m },
        ]);
    }

    private ProductSyncPipeline Pipeline(ProductSyncMode mode) =>
        new("products", _erp, _shop, new InMemorySyncStateStore(), new ProductSyncOptions { Mode = mode }, _time);

    [Fact]
    public async Task Create_and_update_brings_a_differing_product_in_line_and_says_what_changed()
    {
        var report = await Pipeline(ProductSyncMode.CreateAndUpdate).RunAsync();

        Assert.Equal(["update MUG"], _shop.Writes);
        var item = Assert.Single(report.Items, i => i.Action == "update-product");
        Assert.Equal("updated in fakeshop: name 'Mug' -> 'Mug, blue'; gross price 10 -> 12.7", item.Reason);
        Assert.Equal(("7", 12.7m), (_shop.Products[0].PlatformId, _shop.Products[0].GrossPrice));
        Assert.Equal("updated 1, unchanged 1", OutcomeWords.Counts(report));
    }

    [Fact]
    public async Task Create_only_never_touches_a_product_the_other_side_has_and_a_dry_run_only_tells()
    {
        var createOnly = await Pipeline(ProductSyncMode.CreateOnly).RunAsync();
        var preview = await Pipeline(ProductSyncMode.CreateAndUpdate).RunAsync(new SyncRunOptions { DryRun = true });

        Assert.Empty(_shop.Writes);
        Assert.DoesNotContain(createOnly.Items, i => i.Action == "update-product");
        Assert.Equal(SyncOutcome.WouldWrite, Assert.Single(preview.Items, i => i.Action == "update-product").Outcome);
    }

    [Fact]
    public void Create_and_update_towards_a_catalog_that_cannot_update_is_refused_naming_it()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new ProductSyncPipeline("products", _shop, _erp, new InMemorySyncStateStore(), new ProductSyncOptions { Mode = ProductSyncMode.CreateAndUpdate }, _time));

        Assert.Equal("Pipeline 'products': Mode CreateAndUpdate needs a target that can update products, but fakewms is not an IProductUpdater.", ex.Message);
    }
}
