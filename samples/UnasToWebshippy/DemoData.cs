using Connectors.Model;
using Connectors.Testing;
using NodaTime;

namespace UnasToWebshippy;

/// <summary>Realistic Hungarian demo data for the embedded simulators.</summary>
public static class DemoData
{
    public static void Seed(UnasSimulator unas, WebshippySimulator webshippy, Instant now)
    {
        foreach (var (id, name) in new Dictionary<string, string>
        {
            ["1"] = "Beérkezett", ["2"] = "Csomagolható", ["3"] = "Csomagolás alatt", ["4"] = "Futárnak átadva",
            ["5"] = "Teljesítve", ["6"] = "Nem vette át", ["9"] = "Törölt",
        })
        {
            unas.Statuses[id] = name;
        }

        var products = new[]
        {
            Product("PÓLÓ-PIROS-M", "Pamut póló, piros, M", 4990m, "Ruházat|Pólók", 12),
            Product("PÓLÓ-KÉK-L", "Pamut póló, kék, L", 4990m, "Ruházat|Pólók", 8),
            Product("BÖGRE-350", "Kerámia bögre 350 ml", 2490m, "Konyha|Bögrék", 30),
            Product("TÁSKA-VÁSZON", "Vászontáska „Budapest”", 3290m, "Kiegészítők", 15),
            Product("NAPTÁR-2027", "Falinaptár 2027", 3990m, "Papír|Naptárak", 0),
            Product("KÖNYVJELZŐ-FA", "Fa könyvjelző", 990m, "Papír|Kiegészítők", 40),
        };
        foreach (var p in products)
        {
            unas.AddProduct(p);
        }

        // The warehouse already stocks four of them; the other two arrive with the product import.
        webshippy.AddProduct("PÓLÓ-PIROS-M", "Pamut póló, piros, M", 3929.13m, available: 14, barcode: "5999000000011");
        webshippy.AddProduct("PÓLÓ-KÉK-L", "Pamut póló, kék, L", 3929.13m, available: 6, barcode: "5999000000028");
        webshippy.AddProduct("BÖGRE-350", "Kerámia bögre 350 ml", 1960.63m, available: 30, barcode: "5999000000035");
        webshippy.AddProduct("TÁSKA-VÁSZON", "Vászontáska „Budapest”", 2590.55m, available: 2.5m, barcode: "5999000000042");

        var budapest = new Address { Name = "Kovács Éva", Street = "Bartók Béla út 12. 3/4", City = "Budapest", PostalCode = "1114", CountryCode = "HU", Country = "Magyarország" };
        var szeged = new Address { Name = "Szabó Péter", Street = "Kárász utca 6.", City = "Szeged", PostalCode = "6720", CountryCode = "HU", Country = "Magyarország" };
        var debrecen = new Address { Name = "Tóth Zsófia", Company = "Tóth és Társa Bt.", Street = "Piac utca 21.", City = "Debrecen", PostalCode = "4024", CountryCode = "HU", TaxNumber = "12345678-2-09" };
        var gyor = new Address { Name = "Nagy Ádám", Street = "Baross Gábor út 3.", City = "Győr", PostalCode = "9021", CountryCode = "HU" };

        unas.PlaceOrder(Order("1000-1001", "2", now - Duration.FromHours(5), "Kovács Éva", "kovacs.eva@example.hu", budapest, cod: true,
            [Line("PÓLÓ-PIROS-M", "Pamut póló, piros, M", 2, 4990m), Line("BÖGRE-350", "Kerámia bögre 350 ml", 1, 2490m)],
            shipping: 1490m, discount: new Discount(1000m, "TAVASZ10", "Tavaszi kupon")) with { CustomerNote = "Kérem, délután hozzák!" });
        unas.PlaceOrder(Order("1000-1002", "2", now - Duration.FromHours(4), "Szabó Péter", "szabo.peter@example.hu", szeged, cod: false,
            [Line("TÁSKA-VÁSZON", "Vászontáska „Budapest”", 1, 3290m)], shipping: 990m));
        unas.PlaceOrder(Order("1000-1003", "1", now - Duration.FromHours(3), "Tóth Zsófia", "toth.zsofia@example.hu", debrecen, cod: false,
            [Line("KÖNYVJELZŐ-FA", "Fa könyvjelző", 3, 990m)], shipping: 990m));
        unas.PlaceOrder(Order("1000-1004", "2", now - Duration.FromHours(2), "Nagy Ádám", "nagy.adam@example.hu", gyor, cod: true,
            [Line("PÓLÓ-KÉK-L", "Pamut póló, kék, L", 1, 4990m), Line("AJÁNDÉKKÁRTYA-5000", "Ajándékkártya 5000 Ft", 1, 5000m)], shipping: 1490m));
        unas.PlaceOrder(Order("1000-1005", "2", now - Duration.FromMinutes(90), "Kiss Gergely", "kiss.gergely@example.hu", null, cod: false,
            [Line("BÖGRE-350", "Kerámia bögre 350 ml", 2, 2490m)], shipping: 990m));
        unas.PlaceOrder(Order("1000-1006", "2", now - Duration.FromMinutes(80), "Varga Katalin", "varga.kata@example.hu", budapest with { Name = "Varga Katalin" }, cod: true,
            [Line("PÓLÓ-PIROS-M", "Pamut póló, piros, M", 1, 4990m)], shipping: 1490m));
        unas.PlaceOrder(Order("1000-1007", "9", now - Duration.FromMinutes(70), "Molnár Béla", "molnar.bela@example.hu", szeged with { Name = "Molnár Béla" }, cod: false,
            [Line("BÖGRE-350", "Kerámia bögre 350 ml", 1, 2490m)], shipping: 990m));
    }

    private static Product Product(string sku, string name, decimal gross, string category, decimal stock) => new()
    {
        Code = sku,
        PlatformId = $"{Math.Abs(sku.GetHashCode(StringComparison.Ordinal)) % 1_000_000 + 150_000_000}",
        Name = name,
        GrossPrice = gross,
        NetPrice = Math.Round(gross / 1.27m, 2),
        VatRate = 27m,
        Category = category,
        Stock = stock,
    };

    private static OrderLine Line(string sku, string name, decimal quantity, decimal gross) =>
        new() { Sku = sku, Name = name, Quantity = quantity, UnitPriceGross = gross, UnitPriceNet = Math.Round(gross / 1.27m, 2), VatRate = 27m, Unit = "db" };

    private static Order Order(string key, string status, Instant at, string customer, string email, Address? address, bool cod, OrderLine[] lines, decimal shipping, Discount? discount = null) => new()
    {
        SourceSystem = "unas",
        SourceId = key,
        Number = key,
        StatusCode = status,
        CreatedAt = at,
        ModifiedAt = at,
        Currency = "HUF",
        Customer = new CustomerContact { Name = customer, Email = email, Phone = "+36 30 123 4567" },
        BillingAddress = address,
        ShippingAddress = address,
        ShippingMethod = "GLS futárszolgálat",
        Payment = new PaymentInfo { Method = cod ? "Utánvét" : "Bankkártya", Type = cod ? "cod" : "bankcard", Status = cod ? "unpaid" : "paid", IsCashOnDelivery = cod },
        Totals = new OrderTotals { ShippingGross = shipping, ShippingVatRate = 27m },
        Discounts = discount is null ? [] : [discount],
        Lines = [.. lines],
    };
}
