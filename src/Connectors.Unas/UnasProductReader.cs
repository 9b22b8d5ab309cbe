using System.Xml;
using System.Xml.Linq;
using Connectors.Abstractions;
using Connectors.Model;

namespace Connectors.Unas;

/// <summary>
/// Reads <c>&lt;Products&gt;</c> answers (getProduct, getStock, and the per-entity results of set* calls) one
/// <c>&lt;Product&gt;</c> element at a time; these are small, so each is loaded as an element, never the whole document.
/// </summary>
internal static class UnasProductReader
{
    public static IEnumerable<XElement> Elements(XmlReader reader, string root, string item)
    {
        if (!UnasXml.ExpectRoot(reader, root))
        {
            yield break;
        }

        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == item)
            {
                yield return (XElement)XNode.ReadFrom(reader);
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == root)
            {
                yield break;
            }
            else
            {
                reader.Read();
            }
        }
    }

    public static Product ToProduct(XElement p)
    {
        var prices = p.Element("Prices");
        var price = prices?.Elements("Price").FirstOrDefault(x => (string?)x.Element("Type") is null or "normal");
        var category = p.Element("Categories")?.Elements("Category").FirstOrDefault(c => (string?)c.Element("Type") is null or "base");
        return new Product
        {
            Code = (string?)p.Element("Sku") ?? (string?)p.Element("Id") ?? throw new PlatformException("unas", "getProduct", PlatformFailure.UnreadableAnswer, "Unas returned a <Product> without <Sku>."),
            PlatformId = (string?)p.Element("Id"),
            Name = ((string?)p.Element("Name"))?.Trim() ?? "",
            Unit = (string?)p.Element("Unit"),
            GrossPrice = UnasXml.ParseDecimal((string?)price?.Element("Gross")),
            NetPrice = UnasXml.ParseDecimal((string?)price?.Element("Net")),
            VatRate = UnasXml.ParseDecimal((string?)prices?.Element("Vat")),
            Category = ((string?)category?.Element("Name"))?.Trim(),
            Stock = StockOf(p),
        };
    }

    public static decimal? StockOf(XElement p)
    {
        var stocks = p.Element("Stocks")?.Elements("Stock").Select(s => UnasXml.ParseDecimal((string?)s.Element("Qty"))).Where(q => q is not null).ToList();
        return stocks is { Count: > 0 } ? stocks.Sum() : null;
    }

    public static IEnumerable<StockLevel> ToStockLevels(XElement p)
    {
        var sku = (string?)p.Element("Sku");
        if (string.IsNullOrEmpty(sku))
        {
            yield break;
        }

        foreach (var s in p.Element("Stocks")?.Elements("Stock") ?? [])
        {
            if (UnasXml.ParseDecimal((string?)s.Element("Qty")) is { } qty)
            {
                yield return new StockLevel(sku, qty, (string?)s.Element("WarehouseId")) { PlatformId = (string?)p.Element("Id") };
            }
        }
    }

    /// <summary>A per-entity result: <c>&lt;Status&gt;ok&lt;/Status&gt;</c> or <c>error</c> with <c>&lt;Error&gt;</c>.</summary>
    public static ItemResult ToResult(XElement e, string keyElement) =>
        ((string?)e.Element("Status"))?.Trim() == "ok"
            ? ItemResult.Ok((string?)e.Element(keyElement) ?? "", (string?)e.Element("Id"))
            : ItemResult.Fail((string?)e.Element(keyElement) ?? "", ((string?)e.Element("Error"))?.Trim() is { Length: > 0 } err ? err : "Unas reported an error without text");
}
