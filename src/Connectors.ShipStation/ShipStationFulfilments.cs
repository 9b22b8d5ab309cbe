using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Abstractions;
using Connectors.Model;
using Connectors.Status;
using NodaTime;

namespace Connectors.ShipStation;

/// <summary>
/// What ShipStation shipped since a moment, for the write-back to the shop, in three paged reads whatever the number of
/// orders: labels (<c>GET /shipments</c> by create date: tracking, carrier, service, <c>shipmentCost</c> +
/// <c>insuranceCost</c>, ship date; a voided label is left out), orders marked shipped without a label
/// (<c>GET /fulfillments</c>), and the shipped orders modified since (<c>GET /orders</c>: the <c>orderKey</c> naming the
/// shop's order, the order number and the buyer's code for a Custom Store's ship notice). An order whose key we did not
/// derive was not created by this integration and is left out.
/// </summary>
internal static class ShipStationFulfilments
{
    public static async IAsyncEnumerable<FulfilmentState> ReadAsync(ShipStationClient client, ShipStationOptions options, ShipStationTime time, Instant since, [EnumeratorCancellation] CancellationToken ct)
    {
        var from = time.Format(since);
        var orders = new Dictionary<long, SsOrder>();
        await foreach (var o in client.PagesAsync("GET orders", "orders", [new("orderStatus", "shipped"), new("modifyDateStart", from)], ShipStationJson.Default.SsOrdersPage, p => (p.Orders, p.Pages), ct).ConfigureAwait(false))
        {
            if (o.OrderId is { } id)
            {
                orders[id] = o;
            }
        }

        var parcels = new Dictionary<long, List<Shipment>>();
        void Add(long? orderId, Shipment parcel)
        {
            if (orderId is { } id)
            {
                (parcels.TryGetValue(id, out var list) ? list : parcels[id] = []).Add(parcel);
            }
        }

        await foreach (var s in client.PagesAsync("GET shipments", "shipments", [new("createDateStart", from)], ShipStationJson.Default.SsShipmentsPage, p => (p.Shipments, p.Pages), ct).ConfigureAwait(false))
        {
            if (s.Voided == true || s.IsReturnLabel == true)
            {
                continue;
            }

            Add(s.OrderId, new Shipment
            {
                TrackingNumber = s.TrackingNumber,
                Carrier = s.CarrierCode,
                Service = s.ServiceCode,
                Cost = (s.ShipmentCost ?? 0) + (s.InsuranceCost ?? 0),
                CostCurrency = options.Currency,
                ShippedAt = Parse(time, s.ShipDate),
            });
        }

        // ASSUMPTION (L): /fulfillments takes createDateStart like /shipments and carries fulfillmentFee.
        await foreach (var f in client.PagesAsync("GET fulfillments", "fulfillments", [new("createDateStart", from)], ShipStationJson.Default.SsFulfillmentsPage, p => (p.Fulfillments, p.Pages), ct).ConfigureAwait(false))
        {
            if (f.Voided != true)
            {
                Add(f.OrderId, new Shipment { TrackingNumber = f.TrackingNumber, Carrier = f.CarrierCode, Cost = f.FulfillmentFee, CostCurrency = options.Currency, ShippedAt = Parse(time, f.ShipDate) });
            }
        }

        foreach (var id in parcels.Keys.Where(id => !orders.ContainsKey(id)).ToList())
        {
            // A label bought for an order modified before the window (rare): its order is read alone.
            try
            {
                orders[id] = await client.GetAsync("GET orders/{id}", $"orders/{id}", [], ShipStationJson.Default.SsOrder, ct).ConfigureAwait(false);
            }
            catch (PlatformException ex) when (ex.HttpStatus == 404)
            {
                // Deleted since: nothing to write back.
            }
        }

        foreach (var (id, order) in orders)
        {
            if (ShipStationOrderMapping.SourceReferenceOf(options, order.OrderKey) is not { } reference)
            {
                continue;
            }

            var list = parcels.GetValueOrDefault(id) ?? [];
            var details = ExtensionBag.Empty.Add("orderNumber", order.OrderNumber);
            if (order.CustomerUsername is { Length: > 0 } customer)
            {
                details = details.Add("customerCode", customer);
            }

            yield return new FulfilmentState
            {
                TargetOrderId = id.ToString(CultureInfo.InvariantCulture),
                SourceReference = reference,
                StatusCode = order.OrderStatus,
                Status = StatusOf(order.OrderStatus),
                Shipment = list.FirstOrDefault(),
                Shipments = list,
                ModifiedAt = order.ModifyDate is { } modified ? Parse(time, modified) : null,
                Extensions = details,
            };
        }
    }

    /// <summary>The canonical meaning of a v1 <c>orderStatus</c> (§1.6); an unknown value is on hold, never an exception.</summary>
    public static CanonicalOrderStatus StatusOf(string status) => status switch
    {
        "awaiting_payment" => CanonicalOrderStatus.AwaitingPayment,
        "awaiting_shipment" => CanonicalOrderStatus.ReadyToFulfil,
        "pending_fulfillment" => CanonicalOrderStatus.InFulfilment,
        "shipped" => CanonicalOrderStatus.Shipped,
        "cancelled" or "rejected_fulfillment" => CanonicalOrderStatus.Cancelled,
        _ => CanonicalOrderStatus.OnHold,
    };

    private static Instant? Parse(ShipStationTime time, string? text)
    {
        try
        {
            return time.Parse(text);
        }
        catch (FormatException)
        {
            return null; // a ship date ShipStation wrote oddly does not stop the write-back; the parcel keeps its tracking
        }
    }
}
