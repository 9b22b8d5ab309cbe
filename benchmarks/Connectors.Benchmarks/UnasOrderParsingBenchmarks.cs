using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using Connectors.Model;
using Connectors.Unas;
using NodaTime;
using NodaTime.Text;

namespace Connectors.Benchmarks;

/// <summary>
/// Parsing a 500-order getOrder answer: the streaming <see cref="XmlReader"/> reader against an XDocument baseline
/// that maps the same fields. MB/s = size / mean; bytes per order = allocated / 500.
/// </summary>
[MemoryDiagnoser]
public class UnasOrderParsingBenchmarks
{
    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("yyyy'.'MM'.'dd H':'mm':'ss");
    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb["Europe/Budapest"];
    private byte[] _xml = null!;

    /// <summary>Size of the answer in bytes (for MB/s).</summary>
    public int Bytes => _xml.Length;

    [GlobalSetup]
    public void Setup()
    {
        var fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "unas-orders.xml"));
        var start = fixture.IndexOf("<Order>", StringComparison.Ordinal);
        var end = fixture.IndexOf("</Order>", StringComparison.Ordinal) + "</Order>".Length;
        var order = fixture[start..end];
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" ?><Orders>");
        for (var i = 0; i < 500; i++)
        {
            sb.Append(order.Replace("1000-1000001", $"1000-{i:D7}", StringComparison.Ordinal));
        }

        _xml = Encoding.UTF8.GetBytes(sb.Append("</Orders>").ToString());
        Console.WriteLine($"// getOrder answer: {_xml.Length} bytes, 500 orders");
    }

    [Benchmark(Baseline = true, Description = "naive: XDocument.Load + LINQ mapping")]
    public int XDocumentBaseline()
    {
        var doc = XDocument.Load(new MemoryStream(_xml));
        var count = 0;
        foreach (var o in doc.Root!.Elements("Order"))
        {
            var items = o.Element("Items")!.Elements("Item").ToList();
            var order = new Order
            {
                SourceSystem = "unas",
                SourceId = (string)o.Element("Key")!,
                StatusCode = (string)o.Element("StatusID")!,
                StatusName = (string?)o.Element("Status"),
                CreatedAt = Parse((string)o.Element("Date")!),
                ModifiedAt = Parse((string)o.Element("DateMod")!),
                Currency = (string)o.Element("Currency")!,
                Customer = new CustomerContact { Email = (string?)o.Element("Customer")?.Element("Email"), Name = (string?)o.Element("Customer")?.Element("Contact")?.Element("Name") },
                ShippingAddress = o.Element("Customer")?.Element("Addresses")?.Element("Shipping") is { } s
                    ? new Address { Name = (string?)s.Element("Name"), Street = (string?)s.Element("Street"), City = (string?)s.Element("City"), PostalCode = (string?)s.Element("ZIP"), CountryCode = (string?)s.Element("CountryCode") }
                    : null,
                Totals = new OrderTotals
                {
                    Gross = decimal.Parse((string)o.Element("SumPriceGross")!, CultureInfo.InvariantCulture),
                    ShippingGross = items.Where(i => (string?)i.Element("Sku") == "shipping-cost").Sum(i => decimal.Parse((string)i.Element("PriceGross")!, CultureInfo.InvariantCulture)),
                },
                Lines = [.. items.Where(i => !((string?)i.Element("Sku") ?? "").Contains("cost", StringComparison.Ordinal) && !((string?)i.Element("Sku") ?? "").StartsWith("discount", StringComparison.Ordinal))
                    .Select(i => new OrderLine
                    {
                        Sku = (string)i.Element("Sku")!,
                        Name = (string?)i.Element("Name") ?? "",
                        Quantity = decimal.Parse((string)i.Element("Quantity")!, CultureInfo.InvariantCulture),
                        UnitPriceGross = decimal.Parse((string)i.Element("PriceGross")!, CultureInfo.InvariantCulture),
                        VatRate = decimal.Parse(((string)i.Element("Vat")!).TrimEnd('%'), CultureInfo.InvariantCulture),
                    })],
            };
            count += order.Lines.Length;
        }

        return count;
    }

    [Benchmark(Description = "UnasOrderReader (XmlReader, streaming)")]
    public int StreamingReader()
    {
        using var reader = XmlReader.Create(new MemoryStream(_xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true });
        var count = 0;
        foreach (var order in new UnasOrderReader(new UnasTime(_zone)).ReadAll(reader))
        {
            count += order.Lines.Length;
        }

        return count;
    }

    [Benchmark(Description = "UnasOrderReader through the control-character marking stream (as UnasClient reads)")]
    public int StreamingReaderWithMarking()
    {
        using var reader = XmlReader.Create(new ControlCharacterMarkingStream(new MemoryStream(_xml)), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true });
        var count = 0;
        foreach (var order in new UnasOrderReader(new UnasTime(_zone)).ReadAll(reader))
        {
            count += order.Lines.Length;
        }

        return count;
    }

    [Benchmark(Description = "floor: XmlReader.Read() over the answer, no mapping")]
    public int ReaderFloor()
    {
        using var reader = XmlReader.Create(new MemoryStream(_xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true });
        var n = 0;
        while (reader.Read())
        {
            n++;
        }

        return n;
    }

    private Instant Parse(string text) => Pattern.Parse(text).Value.InZoneLeniently(_zone).ToInstant();
}
