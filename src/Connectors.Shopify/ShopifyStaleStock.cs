namespace Connectors.Shopify;

/// <summary>What to do when Shopify's stock is no longer the level we last read or pushed.</summary>
public enum ShopifyStaleStock
{
    /// <summary>Write nothing for the item and report both values (the default).</summary>
    Hold,

    /// <summary>The master wins: set the master's level, comparing with what Shopify holds now.</summary>
    Overwrite,
}
