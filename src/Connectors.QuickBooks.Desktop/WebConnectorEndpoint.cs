using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.QuickBooks.Desktop;

/// <summary>One HTTP call of the Web Connector: a SOAP call answered, a GET (its check of the URL) answered 200.</summary>
internal static class WebConnectorEndpoint
{
    private const string Xml = "text/xml; charset=utf-8";

    public static async Task<IResult> HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            return Results.Text("QuickBooks Web Connector endpoint (SOAP; POST only).", "text/plain");
        }

        (string Method, IReadOnlyDictionary<string, string> Parameters) call;
        try
        {
            call = await WebConnectorSoap.ReadAsync(context.Request.Body, ct).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            return Results.Text(WebConnectorSoap.Fault(ex.Message), Xml, statusCode: StatusCodes.Status400BadRequest);
        }

        var service = context.RequestServices.GetRequiredService<WebConnectorService>();
        string? P(string name) => call.Parameters.GetValueOrDefault(name);
        var answer = call.Method switch
        {
            "serverVersion" => WebConnectorSoap.Answer(call.Method, WebConnectorService.ServerVersion),
            "clientVersion" => WebConnectorSoap.Answer(call.Method, WebConnectorService.ClientVersion(P("strVersion"))),
            "authenticate" => WebConnectorSoap.Answer(call.Method, await service.AuthenticateAsync(P("strUserName"), P("strPassword"), ct).ConfigureAwait(false)),
            "sendRequestXML" => WebConnectorSoap.Answer(call.Method, await service.SendRequestXmlAsync(P("ticket"), P("strHCPResponse"), P("qbXMLCountry"), P("qbXMLMajorVers"), P("qbXMLMinorVers"), ct).ConfigureAwait(false)),
            "receiveResponseXML" => WebConnectorSoap.Answer(call.Method, await service.ReceiveResponseXmlAsync(P("ticket"), P("response"), P("hresult"), P("message"), ct).ConfigureAwait(false)),
            "connectionError" => WebConnectorSoap.Answer(call.Method, await service.ConnectionErrorAsync(P("ticket"), P("hresult"), P("message"), ct).ConfigureAwait(false)),
            "getLastError" => WebConnectorSoap.Answer(call.Method, service.GetLastError(P("ticket"))),
            "closeConnection" => WebConnectorSoap.Answer(call.Method, await service.CloseConnectionAsync(P("ticket"), ct).ConfigureAwait(false)),
            _ => null,
        };
        return answer is null
            ? Results.Text(WebConnectorSoap.Fault($"unknown call '{call.Method}': the QuickBooks Web Connector calls serverVersion, clientVersion, authenticate, sendRequestXML, receiveResponseXML, connectionError, getLastError and closeConnection"), Xml, statusCode: StatusCodes.Status500InternalServerError)
            : Results.Text(answer, Xml);
    }
}
