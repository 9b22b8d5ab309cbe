using System.Text.Json.Serialization;

namespace Connectors.Shopify;

// Shapes of the catalog, inventory and fulfilment operations (platforms file §4.4; shopify.dev FulfillmentInput,
// ProductSetInput, ProductVariantSetInput). Inputs are what the connector sends; *Data records read the answers.

// --- variants (catalog and SKU lookup) ---
internal sealed record VariantsData(VariantConnection? ProductVariants);

// pageInfo is not in §4.4's documented lookup: without it, the answer is one page.
internal sealed record VariantConnection(PageInfo? PageInfo, [property: JsonRequired] List<VariantNode> Nodes);

internal sealed record VariantNode(
    [property: JsonRequired] string Id,
    string? Sku,
    string? Title,
    string? Price,
    string? Barcode,
    List<SelectedOption>? SelectedOptions,
    InventoryItemNode? InventoryItem,
    ProductRef? Product);

internal sealed record SelectedOption(string? Name, string? Value);

internal sealed record ProductRef([property: JsonRequired] string Id, string? Title, string? ProductType);

internal sealed record InventoryItemNode([property: JsonRequired] string Id, InventoryLevelNode? InventoryLevel);

internal sealed record InventoryLevelNode(List<InventoryQuantity>? Quantities);

internal sealed record InventoryQuantity(string? Name, decimal? Quantity);

internal sealed record InventoryItemsData(List<InventoryItemNode?>? Nodes);

// --- inventorySetQuantities ---
internal sealed record InventorySetQuantitiesInput(string Name, string Reason, string? ReferenceDocumentUri, List<SetQuantityChangeFrom> Quantities);

internal sealed record InventorySetQuantitiesLegacyInput(string Name, string Reason, string? ReferenceDocumentUri, List<SetQuantityCompare> Quantities, bool? IgnoreCompareQuantity);

// From 2026-04 every quantity carries changeFromQuantity, an explicit null skipping the check (omitting it is an error).
internal sealed record SetQuantityChangeFrom(
    string InventoryItemId,
    string LocationId,
    int Quantity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? ChangeFromQuantity);

// Up to 2025-10: compareQuantity per quantity, or ignoreCompareQuantity on the input.
internal sealed record SetQuantityCompare(string InventoryItemId, string LocationId, int Quantity, int? CompareQuantity);

internal sealed record InventorySetData(MutationResult? InventorySetQuantities);

internal sealed record MutationResult(List<UserError>? UserErrors);

internal sealed record UserError(List<string>? Field, string? Message, string? Code);

// --- fulfilments ---
internal sealed record OrderFulfilmentData(OrderFulfilmentNode? Order);

internal sealed record OrderFulfilmentNode(
    [property: JsonRequired] string Id,
    List<FulfillmentNode>? Fulfillments,
    FulfillmentOrderConnection? FulfillmentOrders);

internal sealed record FulfillmentNode([property: JsonRequired] string Id, string? Status, List<TrackingInfo>? TrackingInfo);

internal sealed record TrackingInfo(string? Number, string? Company, string? Url);

internal sealed record FulfillmentOrderConnection(List<FulfillmentOrderNode> Nodes);

internal sealed record FulfillmentOrderNode([property: JsonRequired] string Id, string? Status);

internal sealed record FulfillmentInput(List<FulfillmentOrderLineItemsInput> LineItemsByFulfillmentOrder, FulfillmentTrackingInput? TrackingInfo, bool NotifyCustomer);

internal sealed record FulfillmentOrderLineItemsInput(string FulfillmentOrderId);

internal sealed record FulfillmentTrackingInput(string? Number, string? Company, string? Url, List<string>? Numbers = null, List<string>? Urls = null);

internal sealed record FulfillmentCreateData(FulfillmentPayload? FulfillmentCreate);

internal sealed record FulfillmentPayload(FulfillmentRef? Fulfillment, List<UserError>? UserErrors);

internal sealed record FulfillmentRef(string? Id);

internal sealed record TrackingUpdateData(FulfillmentPayload? FulfillmentTrackingInfoUpdate);

// --- products ---
internal sealed record ProductSetInput(string Title, string Status, string? ProductType, List<OptionInput> ProductOptions, List<VariantSetInput> Variants);

internal sealed record OptionInput(string Name, List<OptionValueName> Values);

internal sealed record OptionValueName(string Name);

internal sealed record VariantSetInput(List<VariantOptionValue> OptionValues, string? Price, string? Barcode, VariantInventoryItem InventoryItem);

internal sealed record VariantOptionValue(string OptionName, string Name);

internal sealed record VariantInventoryItem(string Sku, bool Tracked);

internal sealed record ProductSetData(ProductSetPayload? ProductSet);

internal sealed record ProductSetPayload(ProductWithVariants? Product, List<UserError>? UserErrors);

internal sealed record ProductWithVariants(string? Id, VariantIdConnection? Variants);

internal sealed record VariantIdConnection(List<VariantIdNode> Nodes);

internal sealed record VariantIdNode(string? Id, string? Sku);

internal sealed record ProductUpdateInput(string Id, string Title);

internal sealed record VariantUpdateInput(string Id, string? Price, string? Barcode);

internal sealed record ProductUpdateData(MutationResult? ProductUpdate, MutationResult? ProductVariantsBulkUpdate);
