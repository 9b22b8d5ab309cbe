namespace Connectors.Http;

/// <summary>
/// The name of the HTTP layer's <see cref="System.Diagnostics.Metrics.Meter"/> (<c>Connectors.Http</c>): platform calls
/// sent (<c>connectors.api.calls</c>, tags <c>connectors.platform</c>, <c>connectors.connector</c>,
/// <c>connectors.operation</c>) and quota used (<c>connectors.quota.used</c>).
/// </summary>
public static class ConnectorsHttpTelemetry
{
    /// <summary>Name of the meter.</summary>
    public const string Name = "Connectors.Http";
}
