using System.Text.Json;
using System.Text.Json.Serialization;
using Connectors.Model;
using Connectors.Status;
using NodaTime;
using NodaTime.Text;

namespace Connectors.Sync;

/// <summary>A fulfilment update as it is kept in the inbox: plain JSON, written and read by source-generated code.</summary>
internal sealed record FulfilmentPayload(
    string TargetOrderId,
    string SourceReference,
    string StatusCode,
    CanonicalOrderStatus Status,
    string? ModifiedAt,
    IReadOnlyList<ParcelPayload> Parcels)
{
    public static string Write(FulfilmentState state) => JsonSerializer.Serialize(
        new FulfilmentPayload(state.TargetOrderId, state.SourceReference, state.StatusCode, state.Status, Text(state.ModifiedAt), [.. state.AllShipments.Select(ParcelPayload.From)]),
        FulfilmentJson.Default.FulfilmentPayload);

    public static FulfilmentState Read(string json)
    {
        var p = JsonSerializer.Deserialize(json, FulfilmentJson.Default.FulfilmentPayload) ?? throw new JsonException("empty fulfilment payload");
        var parcels = p.Parcels.Select(x => x.ToShipment()).ToList();
        return new FulfilmentState
        {
            TargetOrderId = p.TargetOrderId,
            SourceReference = p.SourceReference,
            StatusCode = p.StatusCode,
            Status = p.Status,
            ModifiedAt = Parse(p.ModifiedAt),
            Shipment = parcels.FirstOrDefault(),
            Shipments = parcels,
        };
    }

    internal static string? Text(Instant? at) => at is { } a ? InstantPattern.ExtendedIso.Format(a) : null;

    internal static Instant? Parse(string? text) => text is null ? null : InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();
}

/// <summary>One parcel in a <see cref="FulfilmentPayload"/>.</summary>
internal sealed record ParcelPayload(string? TrackingNumber, string? Carrier, string? Service, decimal? Cost, string? CostCurrency, string? ShippedAt, string? DeliveredAt, string? TrackingUrl)
{
    public static ParcelPayload From(Shipment s) =>
        new(s.TrackingNumber, s.Carrier, s.Service, s.Cost, s.CostCurrency, FulfilmentPayload.Text(s.ShippedAt), FulfilmentPayload.Text(s.DeliveredAt), s.TrackingUrl);

    public Shipment ToShipment() => new()
    {
        TrackingNumber = TrackingNumber,
        Carrier = Carrier,
        Service = Service,
        Cost = Cost,
        CostCurrency = CostCurrency,
        ShippedAt = FulfilmentPayload.Parse(ShippedAt),
        DeliveredAt = FulfilmentPayload.Parse(DeliveredAt),
        TrackingUrl = TrackingUrl,
    };
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(FulfilmentPayload))]
internal sealed partial class FulfilmentJson : JsonSerializerContext;
