namespace Connectors.Shopify.AspNetCore;

/// <summary>Settings of the Shopify webhook endpoint. Bind from configuration (<c>Connectors:ShopifyWebhooks</c>).</summary>
public sealed class ShopifyWebhookOptions
{
    /// <summary>The app's client secret (or the key shown on the store admin's webhook page): signs every delivery. A secret.</summary>
    public string? Secret { get; set; }

    /// <summary>The secret before a rotation: Shopify may sign with it for up to an hour after the change. Empty = none.</summary>
    public string? PreviousSecret { get; set; }

    /// <summary>The Shopify connector whose inbox receives the order changes (the order pipelines reading it drain them). Default <c>shopify</c>.</summary>
    public string Connector { get; set; } = "shopify";

    /// <summary>Largest body accepted, in bytes (a bigger one is refused before it is read whole). Default 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
