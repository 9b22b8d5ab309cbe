using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.TestHost;

namespace Connectors.QuickBooks.Desktop.Tests;

/// <summary>
/// The endpoint fed the envelopes the QBWC documentation shows: document/literal calls as the Web Connector sends them and
/// the RPC/encoded variant of public QBWC walkthroughs, answered in the shapes the guide gives.
/// </summary>
public sealed class SoapContractTests
{
    private static readonly XNamespace Intuit = "http://developer.intuit.com/";

    // quickbooksdesktopapi.com's QBWC walkthrough, verbatim: RPC/encoded with prefixes and xsi:type.
    private const string EncodedClientVersion = """
        <?xml version="1.0" encoding="utf-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
                xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"
                xmlns:tns="http://developer.intuit.com"
                xmlns:types="http://developer.intuit.com/encodedTypes"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xmlns:xsd="http://www.w3.org/2001/XMLSchema">
          <soap:Body soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
            <q1:clientVersion xmlns:q1="http://developer.intuit.com/">
              <strVersion xsi:type="xsd:string">2.3.0.215</strVersion>
            </q1:clientVersion>
          </soap:Body>
        </soap:Envelope>
        """;

    private const string EncodedServerVersion = """
        <?xml version="1.0" encoding="utf-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
                xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"
                xmlns:tns="http://developer.intuit.com"
                xmlns:types="http://developer.intuit.com/encodedTypes"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xmlns:xsd="http://www.w3.org/2001/XMLSchema">
          <soap:Body soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
            <q1:serverVersion xmlns:q1="http://developer.intuit.com/" />
          </soap:Body>
        </soap:Envelope>
        """;

    // The strHCPResponse of the consolibyte wiki's sendRequestXML example (QuickBooks Pro 2006), abridged after CompanyName.
    private const string DocumentedHcpResponse = """
        <?xml version="1.0" ?>
        <QBXML>
        <QBXMLMsgsRs>
        <HostQueryRs requestID="0" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
        <HostRet>
        <ProductName>QuickBooks Pro 2006</ProductName>
        <MajorVersion>16</MajorVersion>
        <MinorVersion>0</MinorVersion>
        <Country>US</Country>
        <SupportedQBXMLVersion>1.0</SupportedQBXMLVersion>
        <SupportedQBXMLVersion>1.1</SupportedQBXMLVersion>
        <SupportedQBXMLVersion>2.0</SupportedQBXMLVersion>
        <SupportedQBXMLVersion>2.1</SupportedQBXMLVersion>
        <SupportedQBXMLVersion>3.0</SupportedQBXMLVersion>
        <SupportedQBXMLVersion>4.0</SupportedQBXMLVersion>
        <SupportedQBXMLVersion>4.1</SupportedQBXMLVersion>
        <SupportedQBXMLVersion>5.0</SupportedQBXMLVersion>
        <IsAutomaticLogin>false</IsAutomaticLogin>
        <QBFileMode>SingleUser</QBFileMode>
        </HostRet>
        </HostQueryRs>
        <CompanyQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
        <CompanyRet>
        <IsSampleCompany>false</IsSampleCompany>
        <CompanyName>Test Company 2</CompanyName>
        </CompanyRet>
        </CompanyQueryRs>
        </QBXMLMsgsRs>
        </QBXML>
        """;

    // The consolibyte wiki's receiveResponseXML example response, verbatim.
    private const string DocumentedReceivePayment = """
        <?xml version="1.0" ?> <QBXML> <QBXMLMsgsRs> <ReceivePaymentAddRs requestID="UmVjZWl2ZVBheW1lbnRBZGR8MTE2" statusCode="0" statusSeverity="Info" statusMessage="Status OK"> <ReceivePaymentRet> <TxnID>1F6-1241605561</TxnID> <TimeCreated>2009-05-06T06:26:01-05:00</TimeCreated> <TimeModified>2009-05-06T06:26:01-05:00</TimeModified> <EditSequence>1241605561</EditSequence> <TxnNumber>139</TxnNumber> <CustomerRef> <ListID>90000-1241602188</ListID> <FullName>Test Company</FullName> </CustomerRef> <ARAccountRef> <ListID>260000-1226546874</ListID> <FullName>Accounts Receivable</FullName> </ARAccountRef> <TxnDate>2009-05-06</TxnDate> <RefNumber>116</RefNumber> <TotalAmount>265.40</TotalAmount> <Memo>Payment for invoice #116</Memo> <DepositToAccountRef> <ListID>270000-1226599344</ListID> <FullName>Undeposited Funds</FullName> </DepositToAccountRef> <UnusedPayment>0.00</UnusedPayment> <UnusedCredits>0.00</UnusedCredits> <AppliedToTxnRet> <TxnID>1EB-1241602355</TxnID> <TxnType>Invoice</TxnType> <TxnDate>2008-05-31</TxnDate> <RefNumber>115</RefNumber> <BalanceRemaining>0.00</BalanceRemaining> <Amount>100.00</Amount> </AppliedToTxnRet> <AppliedToTxnRet> <TxnID>1EE-1241602356</TxnID> <TxnType>Invoice</TxnType> <TxnDate>2008-10-02</TxnDate> <RefNumber>116</RefNumber> <BalanceRemaining>20.00</BalanceRemaining> <Amount>165.40</Amount> </AppliedToTxnRet> </ReceivePaymentRet> </ReceivePaymentAddRs> </QBXMLMsgsRs> </QBXML>
        """;

    [Fact]
    public async Task The_RPC_encoded_envelopes_of_the_walkthrough_are_answered()
    {
        await using var host = await DesktopHost.StartAsync();

        var client = await PostAsync(host, EncodedClientVersion, "clientVersion");
        var server = await PostAsync(host, EncodedServerVersion, "serverVersion");

        Assert.Equal("", (string?)client.Descendants(Intuit + "clientVersionResult").Single());
        Assert.StartsWith("Connectors.QuickBooks.Desktop", (string?)server.Descendants(Intuit + "serverVersionResult").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_answers_the_documented_string_array()
    {
        await using var host = await DesktopHost.StartAsync();

        var answer = await PostAsync(host, Call("authenticate", ("strUserName", DesktopHost.User), ("strPassword", DesktopHost.Password)), "authenticate");

        var result = answer.Descendants(Intuit + "authenticateResult").Single();
        Assert.Equal(Intuit + "authenticateResponse", result.Parent!.Name);
        var strings = result.Elements(Intuit + "string").Select(s => s.Value).ToList();
        Assert.Equal(2, strings.Count);
        Assert.Matches("^[0-9A-F]{32}$", strings[0]);
        Assert.Equal("none", strings[1]);
    }

    [Fact]
    public async Task The_documented_QuickBooks_2006_host_gets_no_request_and_getLastError_names_the_versions()
    {
        await using var host = await DesktopHost.StartAsync();
        await host.Target.PostAsync(DesktopHost.Order());
        var ticket = (await PostAsync(host, Call("authenticate", ("strUserName", DesktopHost.User), ("strPassword", DesktopHost.Password)), "authenticate"))
            .Descendants(Intuit + "string").First().Value;

        var request = await PostAsync(host, Call("sendRequestXML", ("ticket", ticket), ("strHCPResponse", DocumentedHcpResponse), ("strCompanyFileName", "C:\\shop.qbw"), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "5"), ("qbXMLMinorVers", "0")), "sendRequestXML");
        var error = await PostAsync(host, Call("getLastError", ("ticket", ticket)), "getLastError");

        Assert.Equal("", request.Descendants(Intuit + "sendRequestXMLResult").Single().Value);
        Assert.Contains("speaks qbXML up to 5.0; the connector needs 6.0", error.Descendants(Intuit + "getLastErrorResult").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_documented_ReceivePaymentAdd_response_is_read_by_requestID()
    {
        var answer = Assert.Single(QbXml.Answers(DocumentedReceivePayment.Trim()));

        Assert.Equal("ReceivePaymentAddRs", answer.Name);
        Assert.Equal("UmVjZWl2ZVBheW1lbnRBZGR8MTE2", answer.RequestId);
        Assert.Equal(0, answer.Code);
        Assert.False(answer.IsError);
        var payment = Assert.Single(answer.Records);
        Assert.Equal("1F6-1241605561", (string?)payment.Element("TxnID"));
        Assert.Equal(265.40m, QbXml.Decimal(payment.Element("TotalAmount")));
    }

    [Fact]
    public async Task A_get_is_answered_200_for_the_Web_Connector_s_URL_check()
    {
        await using var host = await DesktopHost.StartAsync();

        using var response = await host.App.GetTestClient().GetAsync(new Uri("http://localhost/qbwc"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("<not xml", HttpStatusCode.BadRequest, "not a SOAP envelope")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>&e;</soap:Body></soap:Envelope>", HttpStatusCode.BadRequest, "DTD")]
    [InlineData("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><dropTables xmlns=\"http://developer.intuit.com/\"/></soap:Body></soap:Envelope>", HttpStatusCode.InternalServerError, "unknown call 'dropTables'")]
    public async Task A_body_that_is_not_a_QBWC_call_is_a_SOAP_fault(string body, HttpStatusCode status, string says)
    {
        await using var host = await DesktopHost.StartAsync();

        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        using var response = await host.App.GetTestClient().PostAsync(new Uri("http://localhost/qbwc"), content);

        Assert.Equal(status, response.StatusCode);
        var fault = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants("faultstring").Single().Value;
        Assert.Contains(says, fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_ticket_gets_an_empty_request_and_a_negative_percentage()
    {
        await using var host = await DesktopHost.StartAsync();

        var request = await PostAsync(host, Call("sendRequestXML", ("ticket", "forged"), ("strHCPResponse", ""), ("strCompanyFileName", ""), ("qbXMLCountry", "US"), ("qbXMLMajorVers", "13"), ("qbXMLMinorVers", "0")), "sendRequestXML");
        var received = await PostAsync(host, Call("receiveResponseXML", ("ticket", "forged"), ("response", DocumentedReceivePayment), ("hresult", ""), ("message", "")), "receiveResponseXML");

        Assert.Equal("", request.Descendants(Intuit + "sendRequestXMLResult").Single().Value);
        Assert.Equal("-1", received.Descendants(Intuit + "receiveResponseXMLResult").Single().Value);
    }

    private static string Call(string method, params (string Name, string Value)[] parameters) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + new XElement(XName.Get("Envelope", "http://schemas.xmlsoap.org/soap/envelope/"),
            new XElement(XName.Get("Body", "http://schemas.xmlsoap.org/soap/envelope/"),
                new XElement(Intuit + method, parameters.Select(p => new XElement(Intuit + p.Name, p.Value))))).ToString();

    private static async Task<XDocument> PostAsync(DesktopHost host, string envelope, string action)
    {
        using var content = new StringContent(envelope.Trim(), Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", $"\"http://developer.intuit.com/{action}\"");
        using var response = await host.App.GetTestClient().PostAsync(new Uri("http://localhost/qbwc"), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
