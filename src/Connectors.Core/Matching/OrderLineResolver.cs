using Connectors.Model;

namespace Connectors.Matching;

/// <summary>An order line paired with the target's product.</summary>
/// <param name="Line">The source line.</param>
/// <param name="Product">The target catalog's product for the line's SKU.</param>
public sealed record ResolvedLine(OrderLine Line, Product Product);

/// <summary>An order line the target catalog could not resolve.</summary>
/// <param name="Line">The source line.</param>
/// <param name="Reason">Why: missing, or ambiguous with the candidates named.</param>
public sealed record UnresolvedLine(OrderLine Line, string Reason);

/// <summary>How an order's lines resolved against a target catalog.</summary>
/// <param name="Resolved">Lines with a target product.</param>
/// <param name="Unresolved">Lines without one.</param>
public sealed record OrderLineResolution(IReadOnlyList<ResolvedLine> Resolved, IReadOnlyList<UnresolvedLine> Unresolved)
{
    /// <summary>True when every line resolved.</summary>
    public bool IsComplete => Unresolved.Count == 0;
}

/// <summary>Resolves order lines against a target catalog index.</summary>
public static class OrderLineResolver
{
    /// <summary>Resolves each line's SKU; never drops a line.</summary>
    public static OrderLineResolution Resolve(IEnumerable<OrderLine> lines, ProductCodeIndex<Product> catalog)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(catalog);
        var resolved = new List<ResolvedLine>();
        var unresolved = new List<UnresolvedLine>();
        foreach (var line in lines)
        {
            var found = catalog.Find(line.Sku);
            switch (found.Kind)
            {
                case CodeLookupKind.Found:
                    resolved.Add(new ResolvedLine(line, catalog[found.Position]));
                    break;
                case CodeLookupKind.Ambiguous:
                    var candidates = catalog.AmbiguousItems(found.Position);
                    unresolved.Add(new UnresolvedLine(line, $"SKU '{line.Sku}' is ambiguous in the target: {string.Join(", ", candidates.Select(p => $"'{p.Code}'"))}"));
                    break;
                default:
                    unresolved.Add(new UnresolvedLine(line, $"SKU '{line.Sku}' not found in the target catalog"));
                    break;
            }
        }

        return new OrderLineResolution(resolved, unresolved);
    }
}
