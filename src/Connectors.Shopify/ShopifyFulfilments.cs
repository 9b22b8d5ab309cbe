using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Model;
using Connectors.Status;

namespace Connectors.Shopify;

/// <summary>
/// Parcels written back as fulfilments (seed 003 lacks this): the order's fulfilments are read first and a parcel whose
/// tracking number is already there is not written again; each new parcel fulfils one open fulfillment order
/// (<c>fulfillmentCreate</c> with number, company and URL), so an order shipped from two locations gets two fulfilments.
/// A parcel arriving when nothing is left open is added to the last fulfilment's tracking numbers, because which items
/// went into which box is not known and inventing a split would tell the buyer something false.
/// </summary>
internal sealed class ShopifyFulfilments(ShopifyClient client, ShopifyOptions options)
{
    public async Task<IReadOnlyList<ItemResult>> WriteAsync(IReadOnlyList<StatusUpdate> updates, CancellationToken ct)
    {
        var results = new List<ItemResult>(updates.Count);
        foreach (var update in updates)
        {
            try
            {
                results.Add(await WriteAsync(update, ct).ConfigureAwait(false));
            }
            catch (PlatformException ex) when (ex.IsContentRejection)
            {
                results.Add(ItemResult.Fail(update.SourceId, ex.Message));
            }
        }

        return results;
    }

    private async Task<ItemResult> WriteAsync(StatusUpdate update, CancellationToken ct)
    {
        if (update.Status is not (CanonicalOrderStatus.Shipped or CanonicalOrderStatus.Delivered) || update.Shipments.Count == 0)
        {
            return ItemResult.Skip(update.SourceId, $"Shopify records shipments as fulfilments; {update.Status} without a parcel is not written");
        }

        var orderId = ShopifyIds.Gid("Order", update.SourceId);
        var data = await client.QueryAsync("order fulfilments", ShopifyQueries.OrderFulfilments, new JsonObject { ["id"] = orderId }, ShopifyJson.Default.GraphQlResponseOrderFulfilmentData, ct).ConfigureAwait(false);
        if (data.Order is not { } order)
        {
            return ItemResult.Fail(update.SourceId, $"Shopify has no order {orderId}");
        }

        var fulfilments = order.Fulfillments ?? [];
        var known = fulfilments.SelectMany(f => f.TrackingInfo ?? []).Select(t => t.Number).Where(n => n is { Length: > 0 }).ToHashSet(StringComparer.Ordinal);
        var open = new Queue<FulfillmentOrderNode>((order.FulfillmentOrders?.Nodes ?? []).Where(f => f.Status is "OPEN" or "IN_PROGRESS"));
        var fresh = update.Shipments.Where(s => s.TrackingNumber is not { Length: > 0 } n || !known.Contains(n)).ToList();
        if (fresh.Count == 0 || (open.Count == 0 && fresh.All(s => s.TrackingNumber is not { Length: > 0 })))
        {
            return ItemResult.Skip(update.SourceId, "already fulfilled in Shopify with these parcels");
        }

        var lastFulfilment = fulfilments.LastOrDefault()?.Id;
        foreach (var parcel in fresh)
        {
            if (open.TryDequeue(out var fulfillmentOrder))
            {
                var input = new FulfillmentInput([new FulfillmentOrderLineItemsInput(fulfillmentOrder.Id)], Tracking(parcel), options.NotifyCustomer);
                var created = await client.QueryAsync("fulfillmentCreate", ShopifyQueries.FulfillmentCreate, new JsonObject { ["fulfillment"] = ShopifyClient.Node(input, ShopifyJson.Default.FulfillmentInput) }, ShopifyJson.Default.GraphQlResponseFulfillmentCreateData, ct, repeatable: false).ConfigureAwait(false);
                if (created.FulfillmentCreate?.UserErrors is { Count: > 0 } errors)
                {
                    return ItemResult.Fail(update.SourceId, $"Shopify refused the fulfilment of parcel {parcel.TrackingNumber}: {string.Join("; ", errors.Select(e => e.Message))}");
                }

                lastFulfilment = created.FulfillmentCreate?.Fulfillment?.Id ?? lastFulfilment;
            }
            else if (lastFulfilment is not null && parcel.TrackingNumber is { Length: > 0 } number)
            {
                var existing = fulfilments.FirstOrDefault(f => f.Id == lastFulfilment)?.TrackingInfo ?? [];
                var numbers = existing.Select(t => t.Number).OfType<string>().Append(number).ToList();
                var urls = existing.Select(t => t.Url).OfType<string>().Concat(parcel.TrackingUrl is { } url ? [url] : []).ToList();
                var tracking = new FulfillmentTrackingInput(null, parcel.Carrier, null, numbers, urls);
                var variables = new JsonObject { ["fulfillmentId"] = lastFulfilment, ["trackingInfoInput"] = ShopifyClient.Node(tracking, ShopifyJson.Default.FulfillmentTrackingInput) };
                var changed = await client.QueryAsync("fulfillmentTrackingInfoUpdate", ShopifyQueries.TrackingUpdate, variables, ShopifyJson.Default.GraphQlResponseTrackingUpdateData, ct).ConfigureAwait(false);
                if (changed.FulfillmentTrackingInfoUpdate?.UserErrors is { Count: > 0 } errors)
                {
                    return ItemResult.Fail(update.SourceId, $"Shopify refused tracking number {number}: {string.Join("; ", errors.Select(e => e.Message))}");
                }
            }
        }

        return ItemResult.Ok(update.SourceId, lastFulfilment);
    }

    private static FulfillmentTrackingInput? Tracking(Shipment parcel) =>
        parcel.TrackingNumber is null && parcel.Carrier is null && parcel.TrackingUrl is null
            ? null
            : new FulfillmentTrackingInput(parcel.TrackingNumber, parcel.Carrier, parcel.TrackingUrl);
}
