namespace Connectors.Hosting;

/// <summary>Where a tenant stands in a multi-tenant host.</summary>
public enum ConnectorTenantState
{
    /// <summary>Its container is built and its hosted services (the scheduler) are running.</summary>
    Running,

    /// <summary>Its settings were refused (or its services failed to start); the other tenants run on. See the error.</summary>
    Failed,
}

/// <summary>A tenant of a multi-tenant host, as an operator sees it.</summary>
/// <param name="Id">The tenant's id.</param>
/// <param name="State">Running or failed.</param>
/// <param name="Error">Why it failed to start (names the setting and value, never a secret), or null.</param>
public sealed record ConnectorTenantStatus(string Id, ConnectorTenantState State, string? Error);
