namespace Connectors.Shopify;

/// <summary>The GraphQL documents the connector sends, next to the shapes that read their answers.</summary>
internal static class ShopifyQueries
{
    private const string OrderFields = """
        id name createdAt updatedAt displayFinancialStatus displayFulfillmentStatus email
        totalPriceSet { shopMoney { amount currencyCode } }
        totalShippingPriceSet { shopMoney { amount currencyCode } }
        totalTaxSet { shopMoney { amount currencyCode } }
        shippingAddress { name address1 address2 city provinceCode zip countryCodeV2 phone }
        lineItems(first: 100) { nodes { sku name quantity originalUnitPriceSet { shopMoney { amount } } variant { id } } }
        """;

    /// <summary>Orders by search query, oldest change first, one page after <c>$cursor</c>. <c>{first}</c> is the page size.</summary>
    public static string Orders(int first) => $$"""
        query Orders($cursor: String, $query: String) {
          orders(first: {{first}}, after: $cursor, sortKey: UPDATED_AT, query: $query) {
            pageInfo { hasNextPage endCursor }
            nodes { {{OrderFields}} }
          }
        }
        """;

    /// <summary>One order by its GID.</summary>
    public static readonly string Order = $$"""
        query Order($id: ID!) {
          order(id: $id) { {{OrderFields}} }
        }
        """;
}
