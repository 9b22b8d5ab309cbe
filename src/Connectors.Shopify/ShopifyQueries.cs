namespace Connectors.Shopify;

/// <summary>The GraphQL documents the connector sends, next to the shapes that read their answers.</summary>
internal static class ShopifyQueries
{
    // §4.3's documented field list, exactly: what a store that knows only the documented schema answers.
    private const string DocumentedOrderFields = """
        id name createdAt updatedAt displayFinancialStatus displayFulfillmentStatus email
        totalPriceSet { shopMoney { amount currencyCode } }
        totalShippingPriceSet { shopMoney { amount currencyCode } }
        totalTaxSet { shopMoney { amount currencyCode } }
        shippingAddress { name address1 address2 city provinceCode zip countryCodeV2 phone }
        lineItems(first: 100) { nodes { sku name quantity originalUnitPriceSet { shopMoney { amount } } variant { id } } }
        """;

    // The documented list plus what seed 003 needs beyond it (discounts, tax rates, customer, notes, tags, refunds).
    private const string OrderFields = """
        id name createdAt updatedAt displayFinancialStatus displayFulfillmentStatus email
        totalPriceSet { shopMoney { amount currencyCode } }
        totalShippingPriceSet { shopMoney { amount currencyCode } }
        totalTaxSet { shopMoney { amount currencyCode } }
        shippingAddress { name address1 address2 city provinceCode zip countryCodeV2 phone }
        lineItems(first: 100) { nodes { sku name quantity originalUnitPriceSet { shopMoney { amount } } variant { id } taxLines { ratePercentage } } }
        subtotalPriceSet { shopMoney { amount currencyCode } }
        totalDiscountsSet { shopMoney { amount currencyCode } }
        discountCodes taxesIncluded note tags test
        customer { id displayName }
        billingAddress { name address1 address2 city provinceCode zip countryCodeV2 phone }
        shippingLines(first: 5) { nodes { title code originalPriceSet { shopMoney { amount } } } }
        refunds(first: 20) { id createdAt note totalRefundedSet { shopMoney { amount } } }
        """;

    /// <summary>
    /// Orders by search query, oldest change first, one page after <c>$cursor</c>. <c>{first}</c> is the page size;
    /// <paramref name="documented"/> asks for the documented fields only.
    /// </summary>
    public static string Orders(int first, bool documented) => $$"""
        query Orders($cursor: String, $query: String) {
          orders(first: {{first}}, after: $cursor, sortKey: UPDATED_AT, query: $query) {
            pageInfo { hasNextPage endCursor }
            nodes { {{(documented ? DocumentedOrderFields : OrderFields)}} }
          }
        }
        """;

    /// <summary>One order by its GID.</summary>
    public static string Order(bool documented) => $$"""
        query Order($id: ID!) {
          order(id: $id) { {{(documented ? DocumentedOrderFields : OrderFields)}} }
        }
        """;

    private const string VariantFields = "id sku title price barcode selectedOptions { name value } product { id title productType }";

    // §4.4's documented lookup fields.
    private const string DocumentedVariantFields = "id sku inventoryItem { id } product { id title }";

    /// <summary>
    /// Variants by search query, one page after <c>$cursor</c>; with <paramref name="withLevel"/> the inventory item's
    /// available quantity at <c>$location</c> too (what a compare-and-swap compares with).
    /// </summary>
    public static string Variants(int first, bool withLevel, bool documented) => documented
        ? $$"""
        query Variants($cursor: String, $query: String) {
          productVariants(first: {{first}}, after: $cursor, query: $query) {
            pageInfo { hasNextPage endCursor }
            nodes { {{DocumentedVariantFields}} }
          }
        }
        """
        : $$"""
        query Variants($cursor: String, $query: String{{(withLevel ? ", $location: ID!" : "")}}) {
          productVariants(first: {{first}}, after: $cursor, query: $query) {
            pageInfo { hasNextPage endCursor }
            nodes { {{VariantFields}} inventoryItem { id {{(withLevel ? "inventoryLevel(locationId: $location) { quantities(names: [\"available\"]) { name quantity } }" : "")}} } }
          }
        }
        """;

    /// <summary>The available quantity of inventory items at one location (after a stale compare).</summary>
    public const string InventoryLevels = """
        query Levels($ids: [ID!]!, $location: ID!) {
          nodes(ids: $ids) { ... on InventoryItem { id inventoryLevel(locationId: $location) { quantities(names: ["available"]) { name quantity } } } }
        }
        """;

    /// <summary>
    /// Absolute stock at one location. From 2026-01 with the <c>@idempotent</c> key (required at runtime from 2026-04);
    /// the key is part of the document, so every retry of the same call sends the same key.
    /// </summary>
    public static string InventorySet(string? idempotencyKey) => $$"""
        mutation Set($input: InventorySetQuantitiesInput!) {
          inventorySetQuantities(input: $input){{(idempotencyKey is null ? "" : $" @idempotent(key: \"{idempotencyKey}\")")}} {
            inventoryAdjustmentGroup { reason referenceDocumentUri changes { name delta quantityAfterChange } }
            userErrors { code field message }
          }
        }
        """;

    /// <summary>An order's fulfilments (with tracking) and fulfillment orders.</summary>
    public const string OrderFulfilments = """
        query OrderFulfilments($id: ID!) {
          order(id: $id) {
            id
            fulfillments(first: 50) { id status trackingInfo(first: 10) { number company url } }
            fulfillmentOrders(first: 20) { nodes { id status } }
          }
        }
        """;

    /// <summary>A fulfilment of whole fulfillment orders with one parcel's tracking.</summary>
    public const string FulfillmentCreate = """
        mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
          fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id } userErrors { field message } }
        }
        """;

    /// <summary>More tracking numbers on an existing fulfilment (a parcel after every item was fulfilled).</summary>
    public const string TrackingUpdate = """
        mutation TrackingUpdate($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!) {
          fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput) { fulfillment { id } userErrors { field message } }
        }
        """;

    /// <summary>Creates one product with its variants.</summary>
    public const string ProductSet = """
        mutation ProductSet($input: ProductSetInput!) {
          productSet(input: $input, synchronous: true) { product { id variants(first: 100) { nodes { id sku } } } userErrors { field message code } }
        }
        """;

    /// <summary>Updates a product's title and its variants' price and barcode.</summary>
    public const string ProductUpdate = """
        mutation ProductUpdate($product: ProductUpdateInput!, $productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
          productUpdate(product: $product) { userErrors { field message } }
          productVariantsBulkUpdate(productId: $productId, variants: $variants) { userErrors { field message } }
        }
        """;
}
