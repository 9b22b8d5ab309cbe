namespace Connectors.Http;

/// <summary>
/// Counts every attempt sent to a platform (<c>connectors.api.calls</c> on the <c>Connectors.Http</c> meter), tagged with
/// the platform, the connector and the operation's first word, so a dashboard shows calls per order without adapters
/// counting by hand.
/// </summary>
internal sealed class CallCountingHandler(string platform, string connector) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The operation's first segment keeps the tag low in cardinality ("orders", not "orders/1234").
        var operation = request.Options.TryGetValue(ConnectorRequest.Operation, out var op) ? op.Split('/', '?')[0] : "";
        HttpTelemetry.Calls.Add(1, new("connectors.platform", platform), new("connectors.connector", connector), new("connectors.operation", operation));
        return base.SendAsync(request, cancellationToken);
    }
}
