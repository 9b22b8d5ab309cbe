using Connectors.Testing;
using NodaTime;

namespace ShoperToSystim;

/// <summary>Polish demo data: PLN prices with 23 % / 8 % / 5 % VAT, accents, and every case seed 004 gets wrong.</summary>
public static class DemoData
{
    public static void Seed(ShoperSimulator shoper, SystimSimulator systim, Instant now)
    {
        shoper.Statuses["1"] = ("1", "Złożone, nieopłacone");
        shoper.Statuses["2"] = ("2", "Przyjęte do realizacji");
        shoper.Statuses["3"] = ("2", "W realizacji");
        shoper.Statuses["4"] = ("3", "Wysłane");
        shoper.Statuses["5"] = ("4", "Anulowane");
        foreach (var (id, name) in new[] { ("1", "Kuchnia"), ("2", "Odzież"), ("3", "Książki"), ("4", "spożywcze"), ("5", "Dom"), ("6", "Sport"), ("7", "Kalendarze") })
        {
            shoper.Categories[id] = name;
        }

        shoper.UsesWarehouses = true;
        shoper.WholeNumberStock = true;

        // Systim is the stock and product master.
        systim.AddProduct("KUBEK-01", "Kubek ceramiczny 350 ml", 29.99m, "1", "Kuchnia", 12);
        systim.AddProduct("KOSZULKA-M", "Koszulka bawełniana, rozmiar M", 59.00m, "1", "Odzież", 7.5m);
        systim.AddProduct("KSIĄŻKA-ŁÓDŹ", "Przewodnik po Łodzi", 39.90m, "3", "Książki", 4);
        systim.AddProduct("HERBATA-ZIELONA", "Herbata zielona &amp; jaśmin 100 g", 18.50m, "2", "Spożywcze", 20);
        systim.AddProduct("ŚWIECA-ZAPACH", "Świeca zapachowa „Las”", 0m, "1", "Dom", 9);
        systim.AddProduct("PLECAK-20L", "Plecak turystyczny 20 l", 149.00m, "1", "Sport", 0);
        systim.AddProduct("KALENDARZ-2027", "Kalendarz ścienny 2027", 34.99m, "1", "Kalendarze", 15);

        var n = 1000;
        ShoperProduct Product(string code, string name, string category, string tax, decimal price, decimal stock) => new()
        {
            ProductId = (++n).ToString(System.Globalization.CultureInfo.InvariantCulture),
            StockId = $"{n}0",
            Code = code,
            Name = name,
            CategoryId = category,
            TaxId = tax,
            Price = price,
            Stock = stock,
            Warehouses = new Dictionary<string, decimal> { ["1"] = stock },
        };

        shoper.AddProduct(Product("KUBEK-01 ", "Kubek ceramiczny 350 ml", "1", "1", 29.99m, 3));         // trailing space in the code
        shoper.AddProduct(Product("KOSZULKA-M", "Koszulka bawełniana M", "2", "1", 59.00m, 2));
        shoper.AddProduct(Product("KSIĄŻKA-ŁÓDŹ", "Przewodnik po Łodzi", "3", "3", 39.90m, 1));
        shoper.AddProduct(Product("HERBATA-ZIELONA", "Herbata zielona z jaśminem", "4", "2", 18.50m, 5)); // category differs in case
        shoper.AddProduct(Product("ŚWIECA-ZAPACH", "Świeca zapachowa", "5", "1", 24.99m, 1));             // price 0 in Systim
        shoper.AddProduct(Product("PLECAK-20L", "Plecak 20 l", "6", "1", 149.00m, 2));                  // 0 in stock in Systim
        shoper.AddProduct(Product("SKARPETY-3P", "Skarpety, 3 pary", "2", "1", 24.00m, 10));            // Systim lacks it

        var warszawa = new Dictionary<string, string>
        {
            ["firstname"] = "Katarzyna", ["lastname"] = "Wiśniewska", ["street1"] = "ul. Marszałkowska 10/12", ["postcode"] = "00-590",
            ["city"] = "Warszawa", ["country_code"] = "PL", ["phone"] = "+48 600 100 200",
        };
        var krakow = new Dictionary<string, string>
        {
            ["firstname"] = "Paweł", ["lastname"] = "Żółkiewski", ["company"] = "Żółkiewski Sp. z o.o.", ["street1"] = "ul. Floriańska 3",
            ["postcode"] = "31-019", ["city"] = "Kraków", ["country_code"] = "PL", ["phone"] = "+48 601 200 300", ["tax_identification_number"] = "6762468295",
        };
        shoper.PlaceOrder(new ShoperOrder
        {
            OrderId = "1001", StatusId = "2", Date = now - Duration.FromHours(3), StatusDate = now - Duration.FromHours(3), Email = "k.wisniewska@example.pl",
            Delivery = warszawa, ShippingCost = 14.99m, CashOnDelivery = true, ShippingId = "2", PaymentId = "3",
            Lines = [new("KOSZULKA-M", "Koszulka bawełniana M", 2, 59.00m), new("KUBEK-01 ", "Kubek ceramiczny 350 ml", 1, 29.99m)],
        });
        shoper.PlaceOrder(new ShoperOrder
        {
            OrderId = "1002", StatusId = "2", Date = now - Duration.FromHours(2), StatusDate = now - Duration.FromHours(2), Email = "biuro@zolkiewski.pl",
            Delivery = krakow, ShippingCost = 0m, ShippingId = "4", PaymentId = "1", PickupPoint = "KRA01M",
            Lines = [new("KSIĄŻKA-ŁÓDŹ", "Przewodnik po Łodzi", 1, 39.90m, 5), new("SKARPETY-3P", "Skarpety, 3 pary", 2, 24.00m)],
        });
        shoper.PlaceOrder(new ShoperOrder
        {
            OrderId = "1003", StatusId = "2", Origin = "5", Date = now - Duration.FromMinutes(90), StatusDate = now - Duration.FromMinutes(90), Email = "telefon@example.pl",
            Delivery = krakow, ShippingCost = 9.99m,
            Lines = [new("HERBATA-ZIELONA", "Herbata zielona z jaśminem", 3, 18.50m, 8)],
        });
        shoper.PlaceOrder(new ShoperOrder
        {
            OrderId = "1004", StatusId = "1", Date = now - Duration.FromMinutes(60), StatusDate = now - Duration.FromMinutes(60), Email = "a.nowak@example.pl",
            Delivery = warszawa, ShippingCost = 14.99m,
            Lines = [new("PLECAK-20L", "Plecak 20 l", 1, 149.00m)],
        });
    }
}
