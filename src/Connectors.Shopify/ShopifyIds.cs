namespace Connectors.Shopify;

/// <summary>Shopify's global ids (<c>gid://shopify/Order/5678</c>) and the numbers webhooks and people use (<c>5678</c>).</summary>
internal static class ShopifyIds
{
    /// <summary>The number at the end of a GID; a plain number stays as it is.</summary>
    public static string NumberOf(string gid) => gid[(gid.LastIndexOf('/') + 1)..];

    /// <summary>The GID of a <paramref name="type"/> from its number or GID.</summary>
    public static string Gid(string type, string id) => id.StartsWith("gid://", StringComparison.Ordinal) ? id : $"gid://shopify/{type}/{id}";
}
