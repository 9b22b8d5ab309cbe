using System.Text.Json.Serialization;

namespace Connectors.ShipStation;

// API v1 shapes (platforms file §1.6: the Order model, createorders results, shipments, fulfillments, markasshipped),
// camelCase, read and written by source-generated code. Money is a JSON number. Dates stay strings: they are Pacific
// time without an offset and go through ShipStationTime.
internal sealed record SsOrder
{
    public long? OrderId { get; init; }

    [JsonRequired]
    public string OrderNumber { get; init; } = "";

    public string? OrderKey { get; init; }

    public string? OrderDate { get; init; }

    public string? CreateDate { get; init; }

    public string? ModifyDate { get; init; }

    public string? PaymentDate { get; init; }

    [JsonRequired]
    public string OrderStatus { get; init; } = "";

    public string? CustomerUsername { get; init; }

    public string? CustomerEmail { get; init; }

    public SsAddress? BillTo { get; init; }

    public SsAddress? ShipTo { get; init; }

    public List<SsItem>? Items { get; init; }

    public decimal? OrderTotal { get; init; }

    public decimal? AmountPaid { get; init; }

    public decimal? TaxAmount { get; init; }

    public decimal? ShippingAmount { get; init; }

    public string? CustomerNotes { get; init; }

    public string? InternalNotes { get; init; }

    public bool? Gift { get; init; }

    public string? GiftMessage { get; init; }

    public string? PaymentMethod { get; init; }

    public string? RequestedShippingService { get; init; }

    public string? CarrierCode { get; init; }

    public string? ServiceCode { get; init; }

    public string? ShipDate { get; init; }

    public SsWeight? Weight { get; init; }

    public SsAdvancedOptions? AdvancedOptions { get; init; }
}

internal sealed record SsAddress(
    string? Name,
    string? Company = null,
    string? Street1 = null,
    string? Street2 = null,
    string? Street3 = null,
    string? City = null,
    string? State = null,
    string? PostalCode = null,
    string? Country = null,
    string? Phone = null,
    bool? Residential = null);

internal sealed record SsItem
{
    public long? OrderItemId { get; init; }

    public string? LineItemKey { get; init; }

    public string? Sku { get; init; }

    public string? Name { get; init; }

    public string? ImageUrl { get; init; }

    public SsWeight? Weight { get; init; }

    [JsonRequired]
    public decimal Quantity { get; init; }

    public decimal? UnitPrice { get; init; }

    public decimal? TaxAmount { get; init; }

    public string? WarehouseLocation { get; init; }

    public List<SsOption>? Options { get; init; }

    public bool? Adjustment { get; init; }

    public string? Upc { get; init; }
}

// The odd member: answers carry "WeightUnits" (PascalCase, an integer) beside value and units; it is read, never sent.
internal sealed record SsWeight(
    decimal? Value,
    string? Units,
    [property: JsonPropertyName("WeightUnits"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? WeightUnits = null);

internal sealed record SsOption(string? Name, string? Value);

internal sealed record SsAdvancedOptions(
    long? WarehouseId = null,
    long? StoreId = null,
    string? CustomField1 = null,
    string? CustomField2 = null,
    string? CustomField3 = null,
    string? Source = null);

internal sealed record SsOrdersPage(List<SsOrder> Orders, int Total, int Page, int Pages);

internal sealed record SsCreateOrdersResult([property: JsonRequired] bool HasErrors, [property: JsonRequired] List<SsCreateResult> Results);

internal sealed record SsCreateResult(long? OrderId, string? OrderNumber, string? OrderKey, bool Success, string? ErrorMessage);

internal sealed record SsShipment
{
    [JsonRequired]
    public long ShipmentId { get; init; }

    public long? OrderId { get; init; }

    public string? OrderKey { get; init; }

    public string? OrderNumber { get; init; }

    public string? CreateDate { get; init; }

    public string? ShipDate { get; init; }

    public decimal? ShipmentCost { get; init; }

    public decimal? InsuranceCost { get; init; }

    public string? TrackingNumber { get; init; }

    public bool? IsReturnLabel { get; init; }

    public string? CarrierCode { get; init; }

    public string? ServiceCode { get; init; }

    public bool? Voided { get; init; }

    public string? VoidDate { get; init; }
}

internal sealed record SsShipmentsPage(List<SsShipment> Shipments, int Total, int Page, int Pages);

// Fulfillments: orders marked shipped without a label (§1.6: "will appear in the response as they are considered
// fulfillments"). Field names beyond those shared with shipments are ASSUMPTIONS (L), read when present.
internal sealed record SsFulfillment
{
    public long? FulfillmentId { get; init; }

    public long? OrderId { get; init; }

    public string? OrderNumber { get; init; }

    public string? TrackingNumber { get; init; }

    public string? CreateDate { get; init; }

    public string? ShipDate { get; init; }

    public string? CarrierCode { get; init; }

    public decimal? FulfillmentFee { get; init; }

    public bool? Voided { get; init; }
}

internal sealed record SsFulfillmentsPage(List<SsFulfillment> Fulfillments, int Total, int Page, int Pages);

internal sealed record SsMarkShipped(long OrderId, string CarrierCode, string? ShipDate, string? TrackingNumber, bool NotifyCustomer, bool NotifySalesChannel);

internal sealed record SsMarkShippedResult(long? OrderId, string? OrderNumber);

// 400/500 bodies say "Message" (ASP.NET Web API), 429 says "message": both are read, case-insensitively.
internal sealed record SsError(string? Message, string? ExceptionMessage);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(SsOrder))]
[JsonSerializable(typeof(List<SsOrder>))]
[JsonSerializable(typeof(SsOrdersPage))]
[JsonSerializable(typeof(SsCreateOrdersResult))]
[JsonSerializable(typeof(SsShipmentsPage))]
[JsonSerializable(typeof(SsFulfillmentsPage))]
[JsonSerializable(typeof(SsMarkShipped))]
[JsonSerializable(typeof(SsMarkShippedResult))]
[JsonSerializable(typeof(SsError))]
internal sealed partial class ShipStationJson : JsonSerializerContext;
