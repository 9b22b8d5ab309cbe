namespace Connectors.Shopify;

/// <summary>
/// What the pinned Admin API version decides (platforms file §4.4, H: changelog "New compare and swap syntax for the
/// inventorySetQuantities mutation" and "Making idempotency mandatory for inventory adjustments"): from 2026-01 the new
/// <c>changeFromQuantity</c> and the <c>@idempotent</c> directive are accepted, from 2026-04 both are required and
/// <c>compareQuantity</c> is gone; up to 2025-10 only <c>compareQuantity</c> / <c>ignoreCompareQuantity</c> exist.
/// </summary>
internal static class ShopifyApiVersion
{
    /// <summary>True when the version speaks <c>changeFromQuantity</c> and takes an idempotency key.</summary>
    public static bool UsesChangeFrom(string version) =>
        version == "unstable" || string.CompareOrdinal(version, "2026-01") >= 0;
}
