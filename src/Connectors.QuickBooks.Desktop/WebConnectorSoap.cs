using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Connectors.QuickBooks.Desktop;

/// <summary>
/// The SOAP 1.1 envelopes of the QBWC contract (namespace <c>http://developer.intuit.com/</c>, document/literal): a call is
/// the first element of the Body, its parameters child elements by name; an answer is <c>{call}Response</c> holding
/// <c>{call}Result</c> (a string, an int, or for <c>authenticate</c> an array of <c>string</c>). Written by hand over
/// System.Xml.Linq: eight calls with fixed shapes did not warrant a SOAP stack, and reading elements by local name accepts
/// the guide's envelopes whatever prefixes or encoding style they carry.
/// </summary>
internal static class WebConnectorSoap
{
    public static readonly XNamespace Intuit = "http://developer.intuit.com/";
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";

    /// <summary>The call and its parameters (local names), or a <see cref="FormatException"/> for a body that is not SOAP.</summary>
    public static async Task<(string Method, IReadOnlyDictionary<string, string> Parameters)> ReadAsync(Stream body, CancellationToken ct)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(body, new XmlReaderSettings { Async = true, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 64 * 1024 * 1024 });
            document = await XDocument.LoadAsync(reader, LoadOptions.None, ct).ConfigureAwait(false);
        }
        catch (XmlException ex)
        {
            throw new FormatException($"not a SOAP envelope: {ex.Message}", ex);
        }

        var call = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "Body")?.Elements().FirstOrDefault()
            ?? throw new FormatException("the SOAP envelope has no call in its Body");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in call.Elements())
        {
            parameters[parameter.Name.LocalName] = parameter.Value;
        }

        return (call.Name.LocalName, parameters);
    }

    public static string Answer(string method, string result) => Envelope(method, new XElement(Intuit + $"{method}Result", result));

    public static string Answer(string method, int result) => Envelope(method, new XElement(Intuit + $"{method}Result", result.ToString(CultureInfo.InvariantCulture)));

    public static string Answer(string method, string[] result) =>
        Envelope(method, new XElement(Intuit + $"{method}Result", result.Select(r => new XElement(Intuit + "string", r))));

    public static string Fault(string message) => Write(new XElement(Soap + "Fault", new XElement("faultcode", "soap:Client"), new XElement("faultstring", message)));

    private static string Envelope(string method, XElement result) => Write(new XElement(Intuit + $"{method}Response", result));

    private static string Write(XElement content)
    {
        var envelope = new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", Soap), new XAttribute(XNamespace.Xmlns + "xsi", Xsi), new XAttribute(XNamespace.Xmlns + "xsd", Xsd),
            new XElement(Soap + "Body", content));
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + envelope.ToString(SaveOptions.DisableFormatting);
    }
}
