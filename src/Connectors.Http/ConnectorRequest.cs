namespace Connectors.Http;

/// <summary>What a request tells the HTTP layer about itself.</summary>
public static class ConnectorRequest
{
    /// <summary>
    /// Set on a request that is safe to send again after a lost answer (a read, an absolute write). Only such requests are
    /// retried after a 5xx, a timeout or a broken connection; any request is retried after a 429, which the platform did
    /// not process.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> Repeatable = new("Connectors.Repeatable");

    /// <summary>Permits the request costs against the account's limiter (default 1; Shopify GraphQL: the query's cost).</summary>
    public static readonly HttpRequestOptionsKey<int> Cost = new("Connectors.Cost");

    /// <summary>The operation's name for failures and logs (<c>CreateOrder</c>, <c>GET orders</c>).</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("Connectors.Operation");

    /// <summary>Marks the request as safe to repeat when <paramref name="repeatable"/> is true.</summary>
    public static HttpRequestMessage Repeat(this HttpRequestMessage request, bool repeatable = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(Repeatable, repeatable);
        return request;
    }

    /// <summary>Sets the permits the request costs.</summary>
    public static HttpRequestMessage Costing(this HttpRequestMessage request, int permits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permits);
        request.Options.Set(Cost, permits);
        return request;
    }

    /// <summary>Names the operation.</summary>
    public static HttpRequestMessage Named(this HttpRequestMessage request, string operation)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(Operation, operation);
        return request;
    }

    internal static bool IsRepeatable(this HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Repeatable, out var r) && r;
}
