using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using Connectors.Abstractions;
using Connectors.Http;
using Connectors.Model;
using Connectors.Status;

namespace Connectors.ShipStation.CustomStore;

/// <summary>
/// A ShipStation Custom Store endpoint read the way ShipStation reads it (platforms file §2): orders modified in a UTC
/// window, page by page (<c>action=export</c>), and each parcel posted back as a ship notice (<c>action=shipnotify</c>).
/// Which of the store's own status strings mean paid, shipped or cancelled is the connector's status pairs — the
/// Unpaid / Paid / Shipped / Cancelled / On-Hold lists of ShipStation's store form. Web Shop Manager is reached this way.
/// </summary>
public sealed class CustomStoreConnector : IOrderSource, IOrderStatusTarget, IConnectorProbe
{
    private readonly CustomStoreOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly string _name;
    private readonly TimeProvider _time;
    private readonly SecretScrubber _scrubber;

    internal CustomStoreConnector(string name, CustomStoreOptions options, IHttpClientFactory http, TimeProvider time)
    {
        _name = name;
        _options = options;
        _http = http;
        _time = time;
        _scrubber = new SecretScrubber(options.Password);
        Account = ConnectorRegistration.IdOf(name, options.ConnectorId);
    }

    /// <inheritdoc />
    public string System => _options.SystemName;

    /// <inheritdoc />
    public string Account { get; }

    /// <inheritdoc />
    public async Task<string> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var now = NodaTime.Instant.FromDateTimeOffset(_time.GetUtcNow());
        var (orders, pages) = await ExportAsync(now - NodaTime.Duration.FromMinutes(1), now, 1, cancellationToken).ConfigureAwait(false);
        return $"export answered ({orders.Count} order(s) in the last minute, {pages} page(s))";
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Order> GetOrdersAsync(OrderQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        for (var page = 1; page <= _options.MaxPages; page++)
        {
            var (orders, pages) = await ExportAsync(query.ModifiedFrom, query.ModifiedTo, page, cancellationToken).ConfigureAwait(false);
            foreach (var order in orders)
            {
                // The store's dates are to the minute: what it returned for the window is kept, the ledger drops repeats.
                yield return order;
            }

            if (page >= pages)
            {
                yield break;
            }
        }

        throw new PlatformException(System, "export", PlatformFailure.UnreadableAnswer, $"The Custom Store at {_options.Url} announced more than {_options.MaxPages} pages (MaxPages); the export was stopped.");
    }

    /// <summary>The Custom Store protocol has no single-order read: a pushed change is read with the next export.</summary>
    public Task<Order?> GetOrderAsync(string sourceId, CancellationToken cancellationToken = default) => Task.FromResult<Order?>(null);

    /// <summary>
    /// One ship notice per new parcel (<c>POST ?action=shipnotify&amp;order_number=…&amp;carrier=…&amp;service=…&amp;tracking_number=…</c>
    /// with the <c>ShipNotice</c> XML): carrier, service, tracking number, the carrier fee and the note to the buyer.
    /// </summary>
    public async Task<IReadOnlyList<ItemResult>> SetStatusesAsync(IReadOnlyList<StatusUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var results = new List<ItemResult>(updates.Count);
        foreach (var update in updates)
        {
            if (update.Status is not (CanonicalOrderStatus.Shipped or CanonicalOrderStatus.Delivered) || update.Shipments.Count == 0)
            {
                results.Add(ItemResult.Skip(update.SourceId, $"a Custom Store takes ship notices only ({update.Status} without a new parcel is not written)"));
                continue;
            }

            try
            {
                foreach (var parcel in update.Shipments)
                {
                    await ShipNotifyAsync(update, parcel, cancellationToken).ConfigureAwait(false);
                }

                results.Add(ItemResult.Ok(update.SourceId));
            }
            catch (PlatformException ex) when (ex.IsContentRejection)
            {
                results.Add(ItemResult.Fail(update.SourceId, ex.Message));
            }
        }

        return results;
    }

    private async Task ShipNotifyAsync(StatusUpdate update, Shipment parcel, CancellationToken ct)
    {
        var now = NodaTime.Instant.FromDateTimeOffset(_time.GetUtcNow());
        var number = update.Details.TryGetValue("orderNumber", out var n) ? n : update.SourceId;
        var notice = new ShipNotice(
            number,
            update.SourceId,
            update.Details.TryGetValue("customerCode", out var c) ? c : "",
            parcel.ShippedAt ?? now,
            parcel.ShippedAt ?? now,
            parcel.Carrier ?? "Other",
            parcel.Service ?? "",
            parcel.TrackingNumber,
            parcel.Cost ?? 0,
            update.Details.TryGetValue("notesToCustomer", out var note) ? note : null);
        var query = $"action=shipnotify&order_number={Uri.EscapeDataString(number)}&carrier={Uri.EscapeDataString(notice.Carrier)}&service={Uri.EscapeDataString(notice.Service)}&tracking_number={Uri.EscapeDataString(notice.TrackingNumber ?? "")}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_options.Url}{(_options.Url!.Query.Length > 0 ? "&" : "?")}{query}")
        {
            Content = new StringContent(CustomStoreXml.WriteShipNotice(notice), Encoding.UTF8, "application/xml"),
        }.Repeat(false);
        await SendAsync(request, "shipnotify", ct).ConfigureAwait(false);
    }

    private async Task<(List<Order> Orders, int Pages)> ExportAsync(NodaTime.Instant from, NodaTime.Instant to, int page, CancellationToken ct)
    {
        // The window in whole minutes, UTC (§2.2): the start rounded down, the end rounded up, so nothing at an edge is lost.
        var start = NodaTime.Instant.FromUnixTimeSeconds(from.ToUnixTimeSeconds() / 60 * 60);
        var end = NodaTime.Instant.FromUnixTimeSeconds((to.ToUnixTimeSeconds() + 59) / 60 * 60);
        var query = $"action=export&start_date={Uri.EscapeDataString(CustomStoreDates.Format(start))}&end_date={Uri.EscapeDataString(CustomStoreDates.Format(end))}&page={page}";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_options.Url}{(_options.Url!.Query.Length > 0 ? "&" : "?")}{query}").Repeat();
        var text = await SendAsync(request, "export", ct).ConfigureAwait(false);
        try
        {
            return CustomStoreXml.ReadOrders(text, System, _options.Currency);
        }
        catch (XmlException ex)
        {
            throw new PlatformException(System, "export", PlatformFailure.UnreadableAnswer, $"The Custom Store export page {page} is not the documented XML ({ex.Message}).", ex);
        }
    }

    private async Task<string> SendAsync(HttpRequestMessage request, string operation, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.Username}:{_options.Password}")));
        var client = _http.CreateClient(CustomStoreServiceCollectionExtensions.HttpClientName(_name));
        using var response = await PlatformHttp.SendAsync(client, request, System, operation, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var raw = _scrubber.Scrub(text);
            throw PlatformHttp.Failure(response, System, operation, $"The Custom Store {operation} answered {(int)response.StatusCode}: {(raw.Length <= 300 ? raw : raw[..300] + "…")}", _time);
        }

        return text;
    }
}
