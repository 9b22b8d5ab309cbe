using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Connectors.Shopify;

// GraphQL Admin API request and response shapes (platforms file §4.2-4.5), read and written by source-generated code.
// Money amounts are decimal strings on the wire and stay strings here; the mapping parses them and reports a bad one.
// Variables are built from the typed input records below (source-generated too) into one JSON object.
internal sealed record GraphQlRequest(string Query, JsonObject Variables);

internal sealed record GraphQlResponse<T>(T? Data, List<GraphQlError>? Errors, GraphQlExtensions? Extensions);

internal sealed record GraphQlError(string? Message, GraphQlErrorExtensions? Extensions);

internal sealed record GraphQlErrorExtensions(string? Code);

internal sealed record GraphQlExtensions(QueryCost? Cost);

internal sealed record QueryCost(decimal? RequestedQueryCost, decimal? ActualQueryCost, ThrottleStatus? ThrottleStatus);

internal sealed record ThrottleStatus(decimal MaximumAvailable, decimal CurrentlyAvailable, decimal RestoreRate);

internal sealed record OrdersData(OrderConnection? Orders);

internal sealed record OrderData(OrderNode? Order);

internal sealed record OrderConnection([property: JsonRequired] PageInfo PageInfo, [property: JsonRequired] List<OrderNode> Nodes);

internal sealed record PageInfo([property: JsonRequired] bool HasNextPage, string? EndCursor);

internal sealed record OrderNode(
    [property: JsonRequired] string Id,
    [property: JsonRequired] string Name,
    [property: JsonRequired] DateTimeOffset CreatedAt,
    [property: JsonRequired] DateTimeOffset UpdatedAt,
    string? DisplayFinancialStatus,
    string? DisplayFulfillmentStatus,
    string? Email,
    MoneyBag? TotalPriceSet,
    MoneyBag? TotalShippingPriceSet,
    MoneyBag? TotalTaxSet,
    MailingAddress? ShippingAddress,
    LineItemConnection? LineItems,
    MoneyBag? SubtotalPriceSet = null,
    MoneyBag? TotalDiscountsSet = null,
    List<string>? DiscountCodes = null,
    bool? TaxesIncluded = null,
    string? Note = null,
    List<string>? Tags = null,
    CustomerRef? Customer = null,
    MailingAddress? BillingAddress = null,
    ShippingLineConnection? ShippingLines = null,
    List<RefundNode>? Refunds = null,
    bool? Test = null);

internal sealed record CustomerRef(string? Id, string? DisplayName);

internal sealed record ShippingLineConnection(List<ShippingLineNode> Nodes);

internal sealed record ShippingLineNode(string? Title, string? Code, MoneyBag? OriginalPriceSet);

internal sealed record RefundNode([property: JsonRequired] string Id, [property: JsonRequired] DateTimeOffset CreatedAt, string? Note, MoneyBag? TotalRefundedSet);

internal sealed record MoneyBag(Money? ShopMoney);

internal sealed record Money(string? Amount, string? CurrencyCode);

internal sealed record MailingAddress(string? Name, string? Address1, string? Address2, string? City, string? ProvinceCode, string? Zip, string? CountryCodeV2, string? Phone);

internal sealed record LineItemConnection(List<LineItemNode> Nodes);

internal sealed record LineItemNode(string? Sku, string? Name, [property: JsonRequired] decimal Quantity, MoneyBag? OriginalUnitPriceSet, VariantRef? Variant, List<TaxLine>? TaxLines = null);

internal sealed record TaxLine(decimal? RatePercentage);

internal sealed record VariantRef(string? Id);

// A field the mapping needs but the answer lacks (an order without id or updatedAt) is an error naming it, never a
// default value: those are [JsonRequired], and a null where the shape has no null is refused.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(GraphQlRequest))]
[JsonSerializable(typeof(GraphQlResponse<VariantsData>))]
[JsonSerializable(typeof(GraphQlResponse<InventoryItemsData>))]
[JsonSerializable(typeof(GraphQlResponse<InventorySetData>))]
[JsonSerializable(typeof(GraphQlResponse<OrderFulfilmentData>))]
[JsonSerializable(typeof(GraphQlResponse<FulfillmentCreateData>))]
[JsonSerializable(typeof(GraphQlResponse<TrackingUpdateData>))]
[JsonSerializable(typeof(GraphQlResponse<ProductSetData>))]
[JsonSerializable(typeof(GraphQlResponse<ProductUpdateData>))]
[JsonSerializable(typeof(InventorySetQuantitiesInput))]
[JsonSerializable(typeof(InventorySetQuantitiesLegacyInput))]
[JsonSerializable(typeof(FulfillmentInput))]
[JsonSerializable(typeof(FulfillmentTrackingInput))]
[JsonSerializable(typeof(ProductSetInput))]
[JsonSerializable(typeof(List<VariantUpdateInput>))]
[JsonSerializable(typeof(ProductUpdateInput))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(GraphQlResponse<OrdersData>))]
[JsonSerializable(typeof(GraphQlResponse<OrderData>))]
internal sealed partial class ShopifyJson : JsonSerializerContext;
