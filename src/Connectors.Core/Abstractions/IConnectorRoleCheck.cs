namespace Connectors.Abstractions;

/// <summary>
/// A connector whose settings are enough for some of its roles only (Shopify needs a location to write stock, not to
/// read orders). The pipeline that uses it in a role asks at start-up, so the host stops with the setting's name instead
/// of failing on the first write.
/// </summary>
public interface IConnectorRoleCheck : IConnector
{
    /// <summary>What is missing for the connector to act as <paramref name="role"/> (e.g. <see cref="IStockTarget"/>), or null when nothing is.</summary>
    string? ProblemAs(Type role);
}
