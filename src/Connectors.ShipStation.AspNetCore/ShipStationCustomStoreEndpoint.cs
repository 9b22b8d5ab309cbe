using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Connectors.Abstractions;
using Connectors.Hosting;
using Connectors.Model;
using Connectors.ShipStation.CustomStore;
using Connectors.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Connectors.ShipStation.AspNetCore;

/// <summary>
/// One ShipStation call to a served Custom Store (platforms file §2): the credentials first (constant time), then the
/// export of the source's orders modified in the UTC window as the documented XML, page by page, or a ship notice stored
/// in the source's inbox once per (order, tracking number) and answered 200.
/// </summary>
internal static partial class ShipStationCustomStoreEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptionsMonitor<ShipStationCustomStoreOptions>>().CurrentValue;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Connectors.ShipStation.CustomStore");
        var request = context.Request;
        if (!Authorized(request, options))
        {
            LogRefused(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?");
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"ShipStation Custom Store\"";
            return Results.Unauthorized();
        }

        return (request.Method, request.Query["action"].ToString()) switch
        {
            ("GET", "export") => await ExportAsync(context, options, logger).ConfigureAwait(false),
            ("POST", "shipnotify") => await ShipNotifyAsync(context, options, logger).ConfigureAwait(false),
            _ => Results.BadRequest($"Unknown action '{request.Query["action"]}': ShipStation calls export (GET) and shipnotify (POST)."),
        };
    }

    // Basic auth, or SS-UserName / SS-Password on the query or form (§2.1); compared as hashes so the time taken says
    // nothing about how much of a guess was right.
    private static bool Authorized(HttpRequest request, ShipStationCustomStoreOptions options)
    {
        string? user = null, password = null;
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } encoded)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Split(':', 2);
                (user, password) = (pair[0], pair.Length > 1 ? pair[1] : "");
            }
            catch (FormatException)
            {
                return false;
            }
        }
        else if (request.Query.ContainsKey("SS-UserName"))
        {
            (user, password) = (request.Query["SS-UserName"].ToString(), request.Query["SS-Password"].ToString());
        }

        return user is not null && Same(user, options.Username) & Same(password, options.Password);
    }

    private static bool Same(string? given, string? expected) => Connectors.Http.SecretComparison.Matches(given, expected);

    private static async Task<IResult> ExportAsync(HttpContext context, ShipStationCustomStoreOptions options, ILogger logger)
    {
        var query = context.Request.Query;
        if (CustomStoreDates.Parse(query["start_date"]) is not { } start || CustomStoreDates.Parse(query["end_date"]) is not { } end || end < start)
        {
            return Results.BadRequest("start_date and end_date must be MM/dd/yyyy HH:mm (UTC), the start not after the end.");
        }

        var page = int.TryParse(query["page"], out var p) && p > 0 ? p : 1;
        var source = context.RequestServices.GetRequiredKeyedService<IOrderSource>(options.Source);

        // The end is a whole minute and inclusive: everything modified within that minute belongs to the window.
        var orders = new List<Order>();
        await foreach (var order in source.GetOrdersAsync(new OrderQuery(start, end + Duration.FromMinutes(1)), context.RequestAborted).ConfigureAwait(false))
        {
            if (order.ShippingAddress is not { } address || string.IsNullOrWhiteSpace(address.Street) || string.IsNullOrWhiteSpace(address.CountryCode))
            {
                // Seed 002: ShipStation imports no order without a ship-to address; it is held back here, named in the log.
                LogHeld(logger, order.Number ?? order.SourceId);
                continue;
            }

            orders.Add(order);
        }

        orders.Sort((a, b) => a.ModifiedAt.CompareTo(b.ModifiedAt));
        var pages = Math.Max(1, (orders.Count + options.PageSize - 1) / options.PageSize);
        var xml = CustomStoreXml.WriteOrders([.. orders.Skip((page - 1) * options.PageSize).Take(options.PageSize)], page, pages);
        return Results.Content(xml, "text/xml; charset=utf-8");
    }

    private static async Task<IResult> ShipNotifyAsync(HttpContext context, ShipStationCustomStoreOptions options, ILogger logger)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBodyBytes;
        }

        if (context.Request.ContentLength > options.MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        ShipNotice notice;
        try
        {
            // The body is read raw, whatever the Content-Type says (§2.3).
            notice = CustomStoreXml.ReadShipNotice(body);
        }
        catch (XmlException ex)
        {
            return Results.BadRequest($"The ShipNotice is not the documented XML: {ex.Message}");
        }

        var tracking = notice.TrackingNumber ?? context.Request.Query["tracking_number"].ToString();
        var state = new FulfilmentState
        {
            TargetOrderId = notice.OrderId,
            SourceReference = notice.OrderId,
            StatusCode = "shipped",
            Status = CanonicalOrderStatus.Shipped,
            Shipment = new Shipment
            {
                TrackingNumber = string.IsNullOrEmpty(tracking) ? null : tracking,
                Carrier = notice.Carrier.Length > 0 ? notice.Carrier : context.Request.Query["carrier"].ToString(),
                Service = notice.Service.Length > 0 ? notice.Service : context.Request.Query["service"].ToString(),
                Cost = notice.ShippingCost,
                ShippedAt = notice.ShipDate,
            },
            Extensions = ExtensionBag.Empty.Add("orderNumber", notice.OrderNumber).Add("customerCode", notice.CustomerCode),
        };

        // One package per notice; the same notice sent again is one delivery (idempotent on order and tracking number).
        var delivery = $"shipnotify/{notice.OrderId}/{(string.IsNullOrEmpty(tracking) ? CustomStoreDates.Format(notice.LabelCreated) : tracking)}";
        var added = await context.RequestServices.GetRequiredService<ConnectorInbox>().ReceiveFulfilmentAsync(options.Source, delivery, state, context.RequestAborted).ConfigureAwait(false);
        LogStored(logger, notice.OrderNumber, tracking, added ? "stored" : "already stored");
        return Results.Ok();
    }

    [LoggerMessage(401, LogLevel.Warning, "ShipStation Custom Store call refused: wrong credentials (from {Address})")]
    private static partial void LogRefused(ILogger logger, string address);

    [LoggerMessage(402, LogLevel.Warning, "Order {Order} not exported to ShipStation: it has no shipping address")]
    private static partial void LogHeld(ILogger logger, string order);

    [LoggerMessage(403, LogLevel.Information, "ShipStation ship notice for order {Order} ({Tracking}): {What}")]
    private static partial void LogStored(ILogger logger, string order, string tracking, string what);
}
