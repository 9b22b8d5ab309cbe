using System.Collections.Immutable;

namespace Connectors.Model;

/// <summary>
/// Platform-specific values the canonical model has no field for. Adapters put them here so that nothing a
/// platform sends is lost; keys are namespaced by convention (<c>unas:InvoiceNumber</c>).
/// </summary>
public static class ExtensionBag
{
    /// <summary>An empty bag.</summary>
    public static ImmutableDictionary<string, string> Empty { get; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}
