using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Connectors.Testing;

/// <summary>How one simulated Web Connector session ended.</summary>
/// <param name="AuthenticateAnswer">The second element authenticate returned ("none", "nvu", "busy", "" or a company file).</param>
/// <param name="Requests">qbXML requests received and answered in the session.</param>
/// <param name="LastPercent">The last percentage receiveResponseXML returned.</param>
/// <param name="LastError">What getLastError answered, when it was asked.</param>
/// <param name="CloseMessage">What closeConnection answered, when it was called.</param>
public sealed record WebConnectorSessionResult(string AuthenticateAnswer, int Requests, int? LastPercent, string? LastError, string? CloseMessage);

/// <summary>
/// Plays the QuickBooks Web Connector against an endpoint, as the QBWC Programmer's Guide describes it: serverVersion,
/// clientVersion, authenticate; then, unless it answered "none", "nvu" or "busy", sendRequestXML (the first with the
/// host's HostQuery/CompanyQuery answer in <c>strHCPResponse</c> and the qbXML version it speaks) and receiveResponseXML
/// until 100 %, getLastError after an empty request or a negative percentage, and closeConnection. The qbXML is answered
/// by a <see cref="SimulatedCompanyFile"/>: requests must name a qbXML version and keep the SDK's element order (else the
/// answer is the parser's HRESULT, as QuickBooks gives it), <c>onError="stopOnError"</c> stops at the first error.
/// Faults: <see cref="FailNext"/> (a documented status code for the next request of a kind), <see cref="DropAnswerTo"/>
/// (the request is done in QuickBooks but its answer never reaches the service) and <see cref="FailToOpenCompanyFile"/>
/// (connectionError instead of work). Every SOAP call and every qbXML exchange is in <see cref="Transcript"/>.
/// </summary>
public sealed class QuickBooksWebConnectorSimulator
{
    private static readonly XNamespace Intuit = "http://developer.intuit.com/";
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private readonly HttpClient _http;
    private readonly Uri _appUrl;
    private readonly List<string> _transcript = [];
    private readonly List<(string Request, string Response)> _exchanges = [];
    private readonly Dictionary<string, (int Code, string Message)> _failures = new(StringComparer.Ordinal);
    private string? _dropAnswerTo;
    private (string HResult, string Message)? _requestFailure;
    private (string HResult, string Message)? _openFailure;

    /// <summary>Creates a Web Connector that calls <paramref name="appUrl"/> (the <c>.qwc</c>'s AppURL) with <paramref name="http"/>.</summary>
    public QuickBooksWebConnectorSimulator(HttpClient http, Uri appUrl, string userName, string password, SimulatedCompanyFile? company = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _appUrl = appUrl ?? throw new ArgumentNullException(nameof(appUrl));
        UserName = userName;
        Password = password;
        Company = company ?? new SimulatedCompanyFile();
    }

    /// <summary>The user name entered for the application.</summary>
    public string UserName { get; set; }

    /// <summary>The password entered for the application.</summary>
    public string Password { get; set; }

    /// <summary>The company file QuickBooks has open.</summary>
    public SimulatedCompanyFile Company { get; }

    /// <summary>The highest qbXML version the QuickBooks host speaks (<c>qbXMLMajorVers.qbXMLMinorVers</c>). Default 13.0.</summary>
    public string HostQbXmlVersion { get; set; } = "13.0";

    /// <summary>The Web Connector's version, sent to clientVersion.</summary>
    public string Version { get; set; } = "2.3.0.215";

    /// <summary>Each SOAP call and its answer, in order, abridged (<c>→ authenticate(user)</c>, <c>← [ticket, none]</c>).</summary>
    public IReadOnlyList<string> Transcript => _transcript;

    /// <summary>Every qbXML request and the response QuickBooks produced (delivered or dropped), in order.</summary>
    public IReadOnlyList<(string Request, string Response)> Exchanges => _exchanges;

    /// <summary>The next request named <paramref name="request"/> (<c>SalesReceiptAdd</c>) fails with a documented status code.</summary>
    public void FailNext(string request, int statusCode, string statusMessage) => _failures[request] = (statusCode, statusMessage);

    /// <summary>
    /// The next request document holding a <paramref name="request"/> (<c>SalesReceiptAdd</c>) is done in QuickBooks, but
    /// its answer never reaches the service: the session ends there, as when the answer's HTTP call fails.
    /// </summary>
    public void DropAnswerTo(string request) => _dropAnswerTo = request;

    /// <summary>
    /// QuickBooks cannot run the next request document at all: receiveResponseXML carries <paramref name="hresult"/> and
    /// <paramref name="message"/> and no response (the documented parse error is <c>0x80040400</c>).
    /// </summary>
    public void FailNextRequest(string hresult = "0x80040400", string message = "QuickBooks found an error when parsing the provided XML text stream.") => _requestFailure = (hresult, message);

    /// <summary>The next session cannot open the company file: connectionError is called instead of sendRequestXML.</summary>
    public void FailToOpenCompanyFile(string hresult = "0x80040408", string message = "Could not start QuickBooks.") => _openFailure = (hresult, message);

    /// <summary>Runs one scheduled update, start to end.</summary>
    public async Task<WebConnectorSessionResult> RunSessionAsync(CancellationToken cancellationToken = default)
    {
        await CallAsync("serverVersion", [], cancellationToken).ConfigureAwait(false);
        var client = await CallAsync("clientVersion", [("strVersion", Version)], cancellationToken).ConfigureAwait(false);
        if (One(client) is { } verdict && verdict.StartsWith("E:", StringComparison.Ordinal))
        {
            return new WebConnectorSessionResult("", 0, null, verdict, null);
        }

        var auth = Results(await CallAsync("authenticate", [("strUserName", UserName), ("strPassword", Password)], cancellationToken).ConfigureAwait(false));
        var ticket = auth.ElementAtOrDefault(0) ?? "";
        var answer = auth.ElementAtOrDefault(1) ?? "";
        if (answer is "none" or "nvu" or "busy")
        {
            return new WebConnectorSessionResult(answer, 0, null, null, null);
        }

        if (_openFailure is { } failure)
        {
            _openFailure = null;
            await CallAsync("connectionError", [("ticket", ticket), ("hresult", failure.HResult), ("message", failure.Message)], cancellationToken).ConfigureAwait(false);
            var closed = One(await CallAsync("closeConnection", [("ticket", ticket)], cancellationToken).ConfigureAwait(false));
            return new WebConnectorSessionResult(answer, 0, null, failure.Message, closed);
        }

        var (major, minor) = SplitVersion(HostQbXmlVersion);
        var requests = 0;
        int? percent = null;
        var first = true;
        while (true)
        {
            var request = One(await CallAsync("sendRequestXML",
                [("ticket", ticket), ("strHCPResponse", first ? HostQueryResponse() : ""), ("strCompanyFileName", @"C:\Users\Public\Documents\Intuit\QuickBooks\Company Files\shop.qbw"), ("qbXMLCountry", "US"), ("qbXMLMajorVers", major), ("qbXMLMinorVers", minor)],
                cancellationToken).ConfigureAwait(false));
            first = false;
            if (request.Length == 0)
            {
                return await EndWithErrorAsync(ticket, answer, requests, percent, cancellationToken).ConfigureAwait(false);
            }

            requests++;
            var (response, hresult, message) = _requestFailure is { } failed ? ("", failed.HResult, failed.Message) : Process(request);
            _requestFailure = null;
            _exchanges.Add((request, response));
            if (_dropAnswerTo is { } dropped && request.Contains($"<{dropped}Rq", StringComparison.Ordinal))
            {
                _dropAnswerTo = null;
                _transcript.Add("   (the answer is lost: the session ends without receiveResponseXML)");
                return new WebConnectorSessionResult(answer, requests, percent, "answer dropped", null);
            }

            var received = One(await CallAsync("receiveResponseXML", [("ticket", ticket), ("response", response), ("hresult", hresult), ("message", message)], cancellationToken).ConfigureAwait(false));
            percent = int.TryParse(received, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : -1;
            if (percent < 0)
            {
                return await EndWithErrorAsync(ticket, answer, requests, percent, cancellationToken).ConfigureAwait(false);
            }

            if (percent >= 100)
            {
                var closed = One(await CallAsync("closeConnection", [("ticket", ticket)], cancellationToken).ConfigureAwait(false));
                return new WebConnectorSessionResult(answer, requests, percent, null, closed);
            }
        }
    }

    private async Task<WebConnectorSessionResult> EndWithErrorAsync(string ticket, string answer, int requests, int? percent, CancellationToken ct)
    {
        var error = One(await CallAsync("getLastError", [("ticket", ticket)], ct).ConfigureAwait(false));
        var closed = One(await CallAsync("closeConnection", [("ticket", ticket)], ct).ConfigureAwait(false));
        return new WebConnectorSessionResult(answer, requests, percent, error, closed);
    }

    // What QuickBooks does with one request document: (response, hresult, message).
    private (string Response, string HResult, string Message) Process(string request)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(request), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return ("", "0x80040400", "QuickBooks found an error when parsing the provided XML text stream.");
        }

        var version = document.Nodes().OfType<XProcessingInstruction>().FirstOrDefault(p => p.Target == "qbxml")?.Data;
        var messages = document.Root?.Element("QBXMLMsgsRq");
        var asked = version is null ? null : VersionNumber(version.Replace("version=", "", StringComparison.Ordinal).Trim().Trim('"'));
        if (asked is null || asked > VersionNumber(HostQbXmlVersion) || document.Root?.Name != "QBXML" || messages is null || Requests(messages).Any(r => QbXmlSchemaOrder.Problem(r) is not null))
        {
            return ("", "0x80040400", "QuickBooks found an error when parsing the provided XML text stream.");
        }

        var stop = (string?)messages.Attribute("onError") == "stopOnError";
        var answers = new List<XElement>();
        foreach (var rq in Requests(messages))
        {
            var name = rq.Name.LocalName[..^2];
            XElement answer;
            if (_failures.Remove(name, out var failure))
            {
                answer = new XElement($"{name}Rs", new XAttribute("requestID", (string?)rq.Attribute("requestID") ?? ""), new XAttribute("statusCode", failure.Code),
                    new XAttribute("statusSeverity", failure.Code < 1000 ? "Warn" : "Error"), new XAttribute("statusMessage", failure.Message));
            }
            else
            {
                answer = Company.Handle(rq);
            }

            answers.Add(answer);
            if (stop && (string?)answer.Attribute("statusSeverity") == "Error")
            {
                break;
            }
        }

        var response = new XDocument(new XDeclaration("1.0", null, null), new XElement("QBXML", new XElement("QBXMLMsgsRs", answers)));
        return (response.Declaration + response.Root!.ToString(SaveOptions.DisableFormatting), "", "");
    }

    private static IEnumerable<XElement> Requests(XElement messages) => messages.Elements().Where(e => e.Name.LocalName.EndsWith("Rq", StringComparison.Ordinal));

    private string HostQueryResponse()
    {
        var (major, _) = SplitVersion(HostQbXmlVersion);
        var supported = Enumerable.Range(1, int.Parse(major, CultureInfo.InvariantCulture)).Select(v => new XElement("SupportedQBXMLVersion", $"{v}.0"));
        return new XDocument(new XDeclaration("1.0", null, null), new XElement("QBXML", new XElement("QBXMLMsgsRs",
            new XElement("HostQueryRs", new XAttribute("requestID", "0"), new XAttribute("statusCode", "0"), new XAttribute("statusSeverity", "Info"), new XAttribute("statusMessage", "Status OK"),
                new XElement("HostRet", new XElement("ProductName", "QuickBooks Pro 2024"), new XElement("MajorVersion", "34"), new XElement("MinorVersion", "0"), new XElement("Country", "US"), supported,
                    new XElement("IsAutomaticLogin", "false"), new XElement("QBFileMode", "SingleUser"))),
            new XElement("CompanyQueryRs", new XAttribute("requestID", "1"), new XAttribute("statusCode", "0"), new XAttribute("statusSeverity", "Info"), new XAttribute("statusMessage", "Status OK"),
                new XElement("CompanyRet", new XElement("IsSampleCompany", "false"), new XElement("CompanyName", Company.Name)))))).ToString();
    }

    private static decimal? VersionNumber(string text) =>
        SplitVersion(text) is var (major, minor) && int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var a) && int.TryParse(minor, NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? a * 1000 + b : null;

    private static (string Major, string Minor) SplitVersion(string version)
    {
        var parts = version.Split('.');
        return (parts[0], parts.Length > 1 ? parts[1] : "0");
    }

    private async Task<XElement> CallAsync(string method, (string Name, string Value)[] parameters, CancellationToken ct)
    {
        // Document/literal, as the Web Connector sends it (QBWC guide): the call in the Intuit namespace, parameters inside.
        var envelope = new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", Soap),
            new XAttribute(XNamespace.Xmlns + "xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            new XAttribute(XNamespace.Xmlns + "xsd", "http://www.w3.org/2001/XMLSchema"),
            new XElement(Soap + "Body", new XElement(Intuit + method, parameters.Select(p => new XElement(Intuit + p.Name, p.Value)))));
        using var content = new StringContent("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        using var message = new HttpRequestMessage(HttpMethod.Post, _appUrl) { Content = content };
        message.Headers.TryAddWithoutValidation("SOAPAction", $"\"http://developer.intuit.com/{method}\"");
        _transcript.Add($"→ {method}({string.Join(", ", parameters.Select(p => Abridge(p.Name, p.Value)))})");
        using var response = await _http.SendAsync(message, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            _transcript.Add($"← HTTP {(int)response.StatusCode}");
            throw new HttpRequestException($"the web service answered {method} with HTTP {(int)response.StatusCode}: {body}");
        }

        var result = XDocument.Parse(body).Descendants().First(e => e.Name.LocalName == $"{method}Result");
        _transcript.Add($"← {(result.HasElements ? $"[{string.Join(", ", result.Elements().Select(e => Abridge("", e.Value)))}]" : Abridge("", result.Value))}");
        return result;
    }

    private static string One(XElement result) => result.HasElements ? result.Elements().First().Value : result.Value;

    private static IReadOnlyList<string> Results(XElement result) => result.HasElements ? [.. result.Elements().Select(e => e.Value)] : [result.Value];

    private static string Abridge(string name, string value) =>
        name == "strPassword" ? "***"
        : value.StartsWith("<?xml", StringComparison.Ordinal) ? string.Join(" ", XDocument.Parse(value).Descendants().Where(e => e.Name.LocalName.EndsWith("Rq", StringComparison.Ordinal) || e.Name.LocalName.EndsWith("Rs", StringComparison.Ordinal)).Select(e => e.Name.LocalName + ((string?)e.Attribute("statusCode") is { } code && code != "0" ? $"({code})" : "")))
        : value.Length > 60 ? value[..57] + "..." : $"'{value}'";
}
