namespace Connectors.Dashboard;

/// <summary>How the dashboard is guarded and shown.</summary>
public sealed class ConnectorsDashboardOptions
{
    /// <summary>
    /// The host's authorization policy every page and action requires; null uses the host's default policy (an
    /// authenticated user). The dashboard never decides who may see it: the host does.
    /// </summary>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>
    /// Lets requests from this machine (loopback addresses) in without authorization: for a local tool or a sample only.
    /// Off by default; requests from anywhere else still need <see cref="AuthorizationPolicy"/>.
    /// </summary>
    public bool AllowAnonymousOnLoopback { get; set; }

    /// <summary>The heading of every page (default "Connectors").</summary>
    public string Title { get; set; } = "Connectors";

    /// <summary>Rows shown per list before "more" (held orders, match report, items); default 500.</summary>
    public int PageSize { get; set; } = 500;
}
