using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Connectors.QuickBooks.Desktop;

/// <summary>One answer in a qbXML response, by the <c>requestID</c> it echoes.</summary>
/// <param name="Name">The response element (<c>SalesReceiptAddRs</c>).</param>
/// <param name="RequestId">The <c>requestID</c> of the request it answers.</param>
/// <param name="Code">The <c>statusCode</c>: 0 OK, 1 no match, 500-999 warnings, from 1000 errors.</param>
/// <param name="Severity">The <c>statusSeverity</c> (<c>Info</c>, <c>Warn</c>, <c>Error</c>).</param>
/// <param name="Message">The <c>statusMessage</c>.</param>
/// <param name="Element">The response element, for its <c>…Ret</c> children.</param>
internal sealed record QbXmlAnswer(string Name, string RequestId, int Code, string Severity, string Message, XElement Element)
{
    public bool IsError => Code >= 1000 || Severity.Equals("Error", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>…Ret</c> records of the answer.</summary>
    public IEnumerable<XElement> Records => Element.Elements().Where(e => e.Name.LocalName.EndsWith("Ret", StringComparison.Ordinal));
}

/// <summary>
/// qbXML as the QuickBooks SDK defines it: a request document (<c>&lt;?qbxml version="13.0"?&gt;</c>, <c>QBXMLMsgsRq</c>
/// with <c>onError</c>) and the answers of a response document. Element order follows the SDK's schema, which QuickBooks
/// enforces; readers take elements by name and ignore what they do not know.
/// </summary>
internal static class QbXml
{
    public static string Request(QbXmlVersion version, bool stopOnError, IEnumerable<XElement> requests)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XProcessingInstruction("qbxml", $"version=\"{version}\""),
            new XElement("QBXML", new XElement("QBXMLMsgsRq", new XAttribute("onError", stopOnError ? "stopOnError" : "continueOnError"), requests)));
        // Text from a shop may hold characters XML 1.0 cannot carry (control characters): they are dropped, not sent broken.
        foreach (var text in document.DescendantNodes().OfType<XText>())
        {
            if (text.Value.Any(c => !XmlConvert.IsXmlChar(c)))
            {
                text.Value = new string([.. text.Value.Where(XmlConvert.IsXmlChar)]);
            }
        }

        using var writer = new Utf8StringWriter();
        document.Save(writer, SaveOptions.DisableFormatting);
        return writer.ToString();
    }

    /// <summary>A request element <c>{name}Rq</c> with its <c>requestID</c>.</summary>
    public static XElement Rq(string name, string requestId, params object?[] content) =>
        new($"{name}Rq", new XAttribute("requestID", requestId), content);

    /// <summary>A list reference by full name (<c>&lt;CustomerRef&gt;&lt;FullName&gt;…</c>).</summary>
    public static XElement Ref(string element, string fullName) => new(element, new XElement("FullName", fullName));

    /// <summary>An amount as qbXML writes it: invariant, two decimals.</summary>
    public static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A quantity: invariant, no trailing zeros.</summary>
    public static string Quantity(decimal value) => value.ToString("0.#####", CultureInfo.InvariantCulture);

    /// <summary>The answers of a response document; a body that is not qbXML throws <see cref="FormatException"/>.</summary>
    public static IReadOnlyList<QbXmlAnswer> Answers(string response)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(response), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FormatException($"the response is not qbXML: {ex.Message}", ex);
        }

        var messages = document.Root?.Element("QBXMLMsgsRs") ?? throw new FormatException("the response has no QBXML/QBXMLMsgsRs");
        return [.. messages.Elements().Select(e => new QbXmlAnswer(
            e.Name.LocalName,
            (string?)e.Attribute("requestID") ?? "",
            int.TryParse((string?)e.Attribute("statusCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : 1000,
            (string?)e.Attribute("statusSeverity") ?? "",
            (string?)e.Attribute("statusMessage") ?? "",
            e))];
    }

    /// <summary>The decimal of an element, or null when absent or unreadable.</summary>
    public static decimal? Decimal(XElement? element) =>
        element is not null && decimal.TryParse(element.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
