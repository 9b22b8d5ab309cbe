using Connectors.Abstractions;
using System.Xml;
using Connectors.Model;
using NodaTime;

namespace Connectors.Unas;

/// <summary>
/// Streams <c>&lt;Orders&gt;&lt;Order&gt;</c> into canonical orders with an <see cref="XmlReader"/>, one order at a time.
/// Pseudo-items (shipping-cost, discount-*, handel-cost) become totals and discounts, not lines; leaves the model has
/// no field for are kept in the order's extension bag as <c>unas:Path/To/Leaf</c>.
/// </summary>
internal sealed class UnasOrderReader(UnasTime time, string sourceSystem = "unas")
{
    private const int MaxDepth = 16;

    public IEnumerable<Order> ReadAll(XmlReader reader)
    {
        if (!UnasXml.ExpectRoot(reader, "Orders"))
        {
            yield break;
        }

        reader.Read();
        string? lastKey = null;
        while (Next(reader, lastKey) is { } order)
        {
            lastKey = order.SourceId;
            yield return order;
        }
    }

    // An unreadable document (a DTD, a broken tag) cannot be read past the fault; the error says where it was.
    private Order? Next(XmlReader reader, string? lastKey)
    {
        try
        {
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Order")
                {
                    return ReadOrder(reader);
                }

                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "Orders")
                {
                    return null;
                }

                reader.Read();
            }

            return null;
        }
        catch (XmlException ex)
        {
            var where = lastKey is null ? "in the first order" : $"in the order after '{lastKey}'";
            throw new XmlException($"{ex.Message} ({where})", ex);
        }
    }

    /// <summary>Reads one &lt;Order&gt; element; the reader ends after it.</summary>
    public Order ReadOrder(XmlReader reader)
    {
        var o = new OrderBuilder();
        var path = new string[MaxDepth];
        var baseDepth = reader.Depth + 1;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return o.Build(time, sourceSystem);
        }

        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == baseDepth - 1))
        {
            var d = reader.Depth - baseDepth;
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when d < MaxDepth:
                    path[d] = reader.LocalName;
                    if (reader.IsEmptyElement)
                    {
                        o.Leaf(path, d + 1, "");
                        reader.Read();
                        continue;
                    }

                    if (IsLeaf(path, d))
                    {
                        var value = ReadLeaf(reader);
                        o.Leaf(path, d + 1, value);
                        continue;
                    }

                    o.Open(path, d + 1);
                    break;
                case XmlNodeType.EndElement when d < MaxDepth:
                    o.Close(path, d + 1);
                    break;
            }

            reader.Read();
        }

        reader.Read();
        return o.Build(time, sourceSystem);
    }

    // One text or CDATA node is the common case: take its value directly instead of ReadElementContentAsString's
    // buffer-and-copy. Leaves the reader after the end tag, as ReadElementContentAsString does.
    private static string ReadLeaf(XmlReader reader)
    {
        reader.Read();
        if (reader.NodeType == XmlNodeType.EndElement)
        {
            reader.Read();
            return "";
        }

        var value = reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace ? reader.Value : "";
        reader.Read();
        if (reader.NodeType == XmlNodeType.EndElement)
        {
            reader.Read();
            return value;
        }

        var sb = new System.Text.StringBuilder(value);
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                sb.Append(reader.Value);
                reader.Read();
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                reader.Skip();
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
        return sb.ToString();
    }

    // Containers the reader steps into; every other element is read as a leaf (its text, CDATA included).
    private static bool IsLeaf(string[] p, int d) => (d, p[0]) switch
    {
        (0, "Customer" or "Payment" or "Shipping" or "Invoice" or "Items" or "Comments" or "Coupons" or "Discounts") => false,
        (1, "Customer") when p[1] is "Contact" or "Addresses" => false,
        (2, "Customer") when p[2] is "Invoice" or "Shipping" => false,
        (1, "Items" or "Comments") => false,
        (2, "Items") when p[2] is "Variants" => false,
        (3, "Items") when p[3] is "Variant" => false,
        _ => d >= 1 && p[0] is "Coupons" or "Discounts" ? d >= 2 : true,
    };

    /// <summary>Key strings built once per distinct path instead of once per order.</summary>
    private static class Keys
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), string> Pairs = new();
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Prefixed = new(StringComparer.Ordinal);
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string, string, int), string> Paths = new();

        public static string Join(string a, string b) => Pairs.GetOrAdd((a, b), static k => $"{k.Item1}/{k.Item2}");

        public static string Extension(string path) => Prefixed.GetOrAdd(path, static k => "unas:" + k);

        public static string Extension(string[] p, int n) => n > 4
            ? "unas:" + string.Join('/', p, 0, n)
            : Paths.GetOrAdd((p[0], n > 1 ? p[1] : "", n > 2 ? p[2] : "", n > 3 ? p[3] : "", n), static k =>
                "unas:" + string.Join('/', new[] { k.Item1, k.Item2, k.Item3, k.Item4 }.Take(k.Item5)));
    }

    /// <summary>Collects one order's leaves, then builds the record.</summary>
    private sealed class OrderBuilder
    {
        private readonly Dictionary<string, string> _top = new(32, StringComparer.Ordinal);
        private readonly Dictionary<string, string> _invoice = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _shipping = new(StringComparer.Ordinal);
        private readonly List<KeyValuePair<string, string>> _extensions = new(32);
        private readonly List<OrderLine> _lines = [];
        private readonly List<Discount> _discounts = [];
        private readonly List<string> _problems = [];
        private Dictionary<string, string>? _item;
        private List<KeyValuePair<string, string>>? _options;
        private string? _variantName;
        private string? _variantValue;
        private string? _commentType;
        private string? _commentText;
        private decimal _shippingGross;
        private decimal? _shippingVat;
        private decimal _fees;
        private string? _customerNote;
        private string? _internalNote;

        public void Open(string[] p, int n)
        {
            if (n == 2 && p[0] == "Items" && p[1] == "Item")
            {
                _item = new Dictionary<string, string>(12, StringComparer.Ordinal);
                _options = [];
            }
            else if (n == 2 && p[0] == "Comments")
            {
                _commentType = _commentText = null;
            }
            else if (n == 4 && p[0] == "Items" && p[3] == "Variant")
            {
                _variantName = _variantValue = null;
            }
        }

        public void Close(string[] p, int n)
        {
            if (n == 2 && p[0] == "Items" && p[1] == "Item" && _item is not null)
            {
                AddItem(_item, ExtensionBag.From(_options!));
                _item = null;
            }
            else if (n == 2 && p[0] == "Comments")
            {
                if (_commentType is "admin")
                {
                    _internalNote = Join(_internalNote, _commentText);
                }
                else
                {
                    _customerNote = Join(_customerNote, _commentText);
                }
            }
            else if (n == 4 && p[0] == "Items" && p[3] == "Variant" && _variantName is not null)
            {
                _options!.Add(new(_variantName, _variantValue ?? ""));
            }
        }

        public void Leaf(string[] p, int n, string value)
        {
            // Control characters reach here marked as U+FFFD (ControlCharacterMarkingStream), so one bad order does not sink
            // the page; the order that carries one is held with the field named.
            if (value.Contains('\uFFFD', StringComparison.Ordinal) || value.AsSpan().IndexOfAnyInRange('\u0000', '\u0008') >= 0 || value.AsSpan().IndexOfAnyInRange('\u000E', '\u001F') >= 0)
            {
                _problems.Add($"{string.Join('/', p[..n])} contains a control character");
            }

            switch (n)
            {
                case 1:
                    _top[p[0]] = value;
                    return;
                case 2 when p[0] is "Customer" or "Payment" or "Shipping" or "Invoice":
                    _top[Keys.Join(p[0], p[1])] = value;
                    return;
                case 3 when p[0] == "Customer" && p[1] == "Contact":
                    _top[Keys.Join("Contact", p[2])] = value;
                    return;
                case 4 when p[0] == "Customer" && p[1] == "Addresses" && p[2] == "Invoice":
                    _invoice[p[3]] = value;
                    return;
                case 4 when p[0] == "Customer" && p[1] == "Addresses" && p[2] == "Shipping":
                    _shipping[p[3]] = value;
                    return;
                case 3 when p[0] == "Items" && _item is not null:
                    _item[p[2]] = value;
                    return;
                case 5 when p[0] == "Items" && p[3] == "Variant":
                    if (p[4] == "Name")
                    {
                        _variantName = value;
                    }
                    else if (p[4] == "Value")
                    {
                        _variantValue = value;
                    }

                    return;
                case 3 when p[0] == "Comments":
                    if (p[2] == "Type")
                    {
                        _commentType = value;
                    }
                    else if (p[2] == "Text")
                    {
                        _commentText = value;
                    }

                    return;
            }

            _extensions.Add(new(Keys.Extension(p, n), value));
        }

        private void AddItem(Dictionary<string, string> item, ExtensionBag options)
        {
            var sku = item.GetValueOrDefault("Sku") ?? item.GetValueOrDefault("Id") ?? "";
            var rawQty = item.GetValueOrDefault("Quantity");
            var parsedQty = UnasXml.ParseDecimal(rawQty);
            var qty = parsedQty ?? 1m;
            var gross = UnasXml.ParseDecimal(item.GetValueOrDefault("PriceGross"));
            var net = UnasXml.ParseDecimal(item.GetValueOrDefault("PriceNet"));
            var vat = UnasXml.ParseDecimal(item.GetValueOrDefault("Vat"));
            var id = item.GetValueOrDefault("Id");
            var kind = sku is "shipping-cost" or "discount-percent" or "discount-amount" or "handel-cost" ? sku : id;
            switch (kind)
            {
                case "shipping-cost":
                    _shippingGross += (gross ?? 0m) * qty;
                    _shippingVat = vat;
                    return;
                case "handel-cost":
                    _fees += (gross ?? 0m) * qty;
                    return;
                case "discount-percent":
                case "discount-amount":
                    _discounts.Add(new Discount(
                        Math.Abs((gross ?? net ?? 0m) * qty),
                        Description: item.GetValueOrDefault("Name"),
                        Percent: UnasXml.ParseDecimal(item.GetValueOrDefault("Percent"))));
                    return;
            }

            if (parsedQty is not { } q || q < 0)
            {
                // Never invent a quantity: "abc" is not 1, and -2 is not 0.
                _problems.Add($"Quantity '{rawQty}' of line '{sku}' is {(parsedQty is null ? "not a number" : "negative")}");
                qty = 0;
            }

            var extra = new List<KeyValuePair<string, string>>();
            foreach (var (k, v) in item)
            {
                if (k is not ("Id" or "Sku" or "Name" or "Unit" or "Quantity" or "PriceNet" or "PriceGross" or "Vat"))
                {
                    extra.Add(new(Keys.Extension(k), v));
                }
            }

            _lines.Add(new OrderLine
            {
                Sku = sku.Length == 0 ? "(no sku)" : sku,
                Name = item.GetValueOrDefault("Name")?.Trim() ?? "",
                Quantity = qty,
                Unit = item.GetValueOrDefault("Unit"),
                UnitPriceNet = net,
                UnitPriceGross = gross,
                VatRate = vat,
                PlatformId = id,
                Options = options,
                Extensions = extra.Count == 0 ? ExtensionBag.Empty : ExtensionBag.From(extra),
            });
        }

        public Order Build(UnasTime time, string system)
        {
            var key = Get("Key") ?? Get("Id") ?? throw new PlatformException("unas", "getOrder", PlatformFailure.UnreadableAnswer, "Unas getOrder returned an <Order> without <Key>.");
            var created = time.Parse(Get("Date"));
            var modified = time.Parse(Get("DateMod")) ?? created;

            // A date that is there but not a date is reported (the order is held), not replaced by the other one.
            foreach (var (field, read) in new[] { ("Date", created), ("DateMod", time.Parse(Get("DateMod"))) })
            {
                if (read is null && Get(field) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text))
                {
                    _problems.Add($"{field} '{text.Trim()}' is not a date (yyyy.MM.dd HH:mm:ss)");
                }
            }

            var paymentType = Get("Payment/Type");
            foreach (var (k, v) in _top)
            {
                if (!Known.Contains(k))
                {
                    _extensions.Add(new(Keys.Extension(k), v));
                }
            }

            Keep("Invoice", _invoice);
            Keep("Shipping", _shipping);

            return new Order
            {
                SourceSystem = system,
                SourceId = key,
                Number = Get("Key"),
                StatusCode = Get("StatusID") ?? Get("Status") ?? "",
                StatusName = Get("Status")?.Trim(),
                CreatedAt = created ?? modified ?? throw Missing(key, "Date"),
                ModifiedAt = modified ?? throw Missing(key, "DateMod"),
                Currency = Get("Currency") is { Length: 3 } c ? c : throw Missing(key, "Currency"),
                Customer = new CustomerContact
                {
                    Id = Get("Customer/Id"),
                    Email = Get("Customer/Email"),
                    Name = Get("Contact/Name")?.Trim(),
                    Phone = Get("Contact/Mobile") is { Length: > 0 } m ? m : Get("Contact/Phone"),
                },
                BillingAddress = Address(_invoice),
                ShippingAddress = Address(_shipping),
                ShippingMethod = Get("Shipping/Name"),
                ShippingMethodId = Get("Shipping/Id"),
                PackageNumber = Get("Shipping/PackageNumber") is { Length: > 0 } pn ? pn : null,
                Payment = new PaymentInfo { MethodId = Get("Payment/Id"), Method = Get("Payment/Name"), Type = paymentType, Status = Get("Payment/Status"), IsCashOnDelivery = paymentType == "cod" },
                Discounts = [.. _discounts],
                CustomerNote = _customerNote,
                InternalNote = _internalNote,
                Totals = new OrderTotals
                {
                    Gross = UnasXml.ParseDecimal(Get("SumPriceGross")),
                    ShippingGross = _shippingGross,
                    ShippingVatRate = _shippingVat,
                    FeesGross = _fees,
                    Paid = UnasXml.ParseDecimal(Get("Payment/Paid")),
                },
                Lines = [.. _lines],
                Problems = [.. _problems],
                Extensions = ExtensionBag.From(_extensions),
            };
        }

        private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
        {
            "Key", "Date", "DateMod", "Currency", "Status", "StatusID", "SumPriceGross", "Customer/Id", "Customer/Email", "Contact/Name",
            "Contact/Phone", "Contact/Mobile", "Shipping/Id", "Shipping/Name", "Shipping/PackageNumber", "Payment/Id", "Payment/Name", "Payment/Type", "Payment/Status", "Payment/Paid",
        };

        private static readonly HashSet<string> AddressFields = new(StringComparer.Ordinal)
        {
            "Name", "ZIP", "City", "Street", "StreetName", "StreetType", "StreetNumber", "County", "Country", "CountryCode", "TaxNumber", "EUTaxNumber", "DeliveryPointID",
        };

        private void Keep(string kind, Dictionary<string, string> address)
        {
            foreach (var (k, v) in address)
            {
                if (!AddressFields.Contains(k) || k == "EUTaxNumber" && v.Length > 0)
                {
                    _extensions.Add(new(Keys.Extension($"Customer/Addresses/{kind}/{k}"), v));
                }
            }
        }

        private string? Get(string key) => _top.TryGetValue(key, out var v) ? v : null;

        private static PlatformException Missing(string key, string field) =>
            new("unas", "getOrder", PlatformFailure.UnreadableAnswer, $"Unas order '{key}' has no valid <{field}>.");

        private static string? Join(string? a, string? b) => string.IsNullOrWhiteSpace(b) ? a : a is null ? b.Trim() : $"{a}\n{b.Trim()}";

        private static Address? Address(Dictionary<string, string> a)
        {
            if (a.Count == 0)
            {
                return null;
            }

            string? V(string k) => a.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            var parts = string.Join(' ', new[] { V("StreetName"), V("StreetType"), V("StreetNumber") }.Where(x => x is not null));
            var result = new Address
            {
                Name = V("Name"),
                Street = V("Street") ?? (parts.Length > 0 ? parts : null),
                City = V("City"),
                PostalCode = V("ZIP"),
                Region = V("County"),
                Country = V("Country"),
                CountryCode = V("CountryCode")?.ToUpperInvariant(),
                TaxNumber = V("TaxNumber") ?? V("EUTaxNumber"),
                DeliveryPointId = V("DeliveryPointID"),
            };
            return result is { Name: null, Street: null, City: null, PostalCode: null, DeliveryPointId: null } ? null : result;
        }
    }
}
