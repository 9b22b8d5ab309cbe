using Connectors.Model;
using Connectors.State;
using Connectors.Sync;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Connectors.Hosting;

/// <summary>
/// Where pushed deliveries come in: a webhook handler (Shopify <c>orders/paid</c>) or a Custom Store <c>shipnotify</c>
/// endpoint hands the delivery here with its delivery id and acknowledges the sender only after this returns. The item is
/// stored durably (the same delivery twice is one item) and the pipelines that drain it are started at once.
/// </summary>
public sealed class ConnectorInbox
{
    private readonly ISyncStateStore _store;
    private readonly IServiceProvider _services;
    private readonly IReadOnlyList<PipelineRegistration> _pipelines;
    private readonly TimeProvider _time;

    /// <summary>Created by the container (<see cref="ConnectorsServiceCollectionExtensions.AddConnectors"/>).</summary>
    internal ConnectorInbox(ISyncStateStore store, IServiceProvider services, IEnumerable<PipelineRegistration> pipelines, TimeProvider? time)
    {
        _store = store;
        _services = services;
        _pipelines = [.. pipelines];
        _time = time ?? TimeProvider.System;
    }

    /// <summary>An order changed at <paramref name="connector"/>; the order pipelines reading from it read it by id and decide.</summary>
    /// <returns>True when the delivery is new; false for a re-delivery (already stored, nothing more happens).</returns>
    public Task<bool> ReceiveOrderChangeAsync(string connector, string deliveryId, string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        return ReceiveAsync(
            new InboxItem { Inbox = Check(connector), DeliveryId = Check(deliveryId), Kind = InboxItemKind.OrderChanged, Subject = orderId, ReceivedAt = Now },
            o => o is OrderSyncOptions { Source: var source } && source == connector,
            cancellationToken);
    }

    /// <summary>A fulfilment update for an order of the shop <paramref name="connector"/>; the fulfilment pipelines writing to it apply it.</summary>
    /// <returns>True when the delivery is new; false for a re-delivery.</returns>
    public Task<bool> ReceiveFulfilmentAsync(string connector, string deliveryId, FulfilmentState update, CancellationToken cancellationToken = default) =>
        ReceiveAsync(
            FulfilmentUpdatesPipeline.ToInboxItem(Check(connector), Check(deliveryId), update, Now),
            o => o is FulfilmentUpdatesOptions { Shop: var shop } && shop == connector,
            cancellationToken);

    private Instant Now => Instant.FromDateTimeOffset(_time.GetUtcNow());

    private static string Check(string value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value;
    }

    private async Task<bool> ReceiveAsync(InboxItem item, Func<PipelineOptions, bool> drains, CancellationToken cancellationToken)
    {
        if (!await _store.AddToInboxAsync(item, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (_services.GetService<ISyncTrigger>() is { } trigger)
        {
            foreach (var pipeline in _pipelines.Where(p => drains(p.Options(_services))))
            {
                await trigger.TriggerAsync(pipeline.Name, cancellationToken).ConfigureAwait(false);
            }
        }

        return true;
    }
}
