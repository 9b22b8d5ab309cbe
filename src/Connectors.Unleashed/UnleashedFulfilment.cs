using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Abstractions;
using Connectors.Http;
using Connectors.Model;
using Connectors.Status;
using NodaTime;

namespace Connectors.Unleashed;

/// <summary>
/// What happened to our sales orders in Unleashed, for the write-back to the shop: orders changed since the checkpoint
/// and orders whose shipments changed, each with its shipments' tracking numbers. The shop's order is named by the marker
/// the order target wrote into <c>Comments</c>; orders without it were not created by this integration and are left out.
/// </summary>
internal static partial class UnleashedFulfilment
{
    /// <summary>The marker written after the shop's order number: <c>(order 5678)</c>.</summary>
    public static string ReferenceMarker(string sourceReference) => $"(order {sourceReference})";

    /// <summary>The shop's order id from the first line of <c>Comments</c>, or null.</summary>
    public static string? ReferenceOf(string? comments) =>
        comments is not null && Marker().Match(comments.Split('\n')[0]) is { Success: true } m ? m.Groups[1].Value : null;

    public static async IAsyncEnumerable<FulfilmentState> ReadAsync(UnleashedClient client, Instant since, [EnumeratorCancellation] CancellationToken ct)
    {
        var modified = new KeyValuePair<string, string>("modifiedSince", UnleashedDate.Filter(since));

        // ASSUMPTION (L, not in the platforms file): GET /SalesShipments/{page} lists shipments with OrderNumber,
        // ShipmentStatus, TrackingNumber, Courier (or ShippingCompany), DispatchDate and LastModifiedOn; both carrier
        // names are read.
        var shipments = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        var withShipments = await ReadShipmentsAsync(client, [modified], shipments, ct).ConfigureAwait(false);

        var orders = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        await foreach (var order in client.ItemsAsync("SalesOrders", [modified], ct).ConfigureAwait(false))
        {
            if (order.LenientString("OrderNumber") is { Length: > 0 } number)
            {
                orders[number] = order;
            }
        }

        foreach (var number in shipments.Keys.Where(n => !orders.ContainsKey(n)).ToList())
        {
            await foreach (var order in client.ItemsAsync("SalesOrders", [new("orderNumber", number)], ct).ConfigureAwait(false))
            {
                orders[number] = order;
            }
        }

        foreach (var (number, order) in orders)
        {
            // The ledger of the order pipeline decides whether the order is ours; the marker only names the shop's order.
            if (ReferenceOf(order.LenientString("Comments")) is not { } reference)
            {
                continue;
            }

            var lines = shipments.GetValueOrDefault(number) ?? [];
            if (withShipments && !shipments.ContainsKey(number) && order.LenientString("OrderStatus") == "Completed")
            {
                // A completed order whose shipments did not change in the window: read them so the parcels are known.
                var own = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
                await ReadShipmentsAsync(client, [new("orderNumber", number)], own, ct).ConfigureAwait(false);
                lines.AddRange(own.GetValueOrDefault(number) ?? []);
            }

            var parcels = lines.Where(s => s.LenientString("ShipmentStatus") is not ("Deleted" or "Parked"))
                .Select(ToParcel).Where(p => p is not null).Cast<Shipment>().ToList();
            var status = StatusOf(order.LenientString("OrderStatus"), parcels.Count > 0);
            yield return new FulfilmentState
            {
                TargetOrderId = order.LenientString("Guid") ?? number,
                SourceReference = reference,
                StatusCode = order.LenientString("OrderStatus") ?? "",
                Status = status,
                Shipment = parcels.FirstOrDefault(),
                Shipments = parcels,
                ModifiedAt = UnleashedDate.Parse(order.LenientString("LastModifiedOn")),
            };
        }
    }

    private static Shipment? ToParcel(JsonElement shipment)
    {
        var tracking = shipment.LenientString("TrackingNumber");
        var carrier = shipment.LenientString("Courier") ?? shipment.LenientString("ShippingCompany");
        if (tracking is null && carrier is null && shipment.LenientString("ShipmentStatus") != "Dispatched")
        {
            return null;
        }

        return new Shipment
        {
            TrackingNumber = tracking,
            Carrier = carrier,
            ShippedAt = UnleashedDate.Parse(shipment.LenientString("DispatchDate")),
        };
    }

    // Shipments by order number; false when the API has no SalesShipments resource (404): completed orders are then
    // written back as shipped without parcels rather than not at all.
    private static async Task<bool> ReadShipmentsAsync(UnleashedClient client, KeyValuePair<string, string>[] filters, Dictionary<string, List<JsonElement>> into, CancellationToken ct)
    {
        try
        {
            await foreach (var shipment in client.ItemsAsync("SalesShipments", filters, ct).ConfigureAwait(false))
            {
                if (shipment.LenientString("OrderNumber") is { Length: > 0 } number)
                {
                    (into.TryGetValue(number, out var list) ? list : into[number] = []).Add(shipment);
                }
            }

            return true;
        }
        catch (PlatformException ex) when (ex.HttpStatus == 404)
        {
            return false;
        }
    }

    // OrderStatus vocabulary (platforms file §5.3, M): Parked, Placed, Backordered, Completed, Deleted.
    private static CanonicalOrderStatus StatusOf(string? status, bool hasParcels) => status switch
    {
        "Completed" => CanonicalOrderStatus.Shipped,
        "Deleted" => CanonicalOrderStatus.Cancelled,
        "Backordered" => hasParcels ? CanonicalOrderStatus.Shipped : CanonicalOrderStatus.OnHold,
        _ when hasParcels => CanonicalOrderStatus.Shipped,
        "Placed" => CanonicalOrderStatus.InFulfilment,
        _ => CanonicalOrderStatus.ReadyToFulfil,
    };

    [GeneratedRegex(@"\(order ([^)\s]+)\)")]
    private static partial Regex Marker();
}
