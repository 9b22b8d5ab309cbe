using System.Text.Json;
using Connectors.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Shopify.AspNetCore;

/// <summary>
/// One webhook delivery: the raw body is read (bounded) and its signature checked before anything is parsed; the order
/// it names goes into the Connectors inbox under the delivery's event id (a re-delivery is one change); then 200.
/// </summary>
internal static partial class ShopifyWebhookEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptionsMonitor<ShopifyWebhookOptions>>().CurrentValue;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Connectors.Shopify.Webhooks");
        var ct = context.RequestAborted;
        var request = context.Request;
        if (request.ContentLength > options.MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadAsync(request.Body, options.MaxBodyBytes, ct).ConfigureAwait(false);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!ShopifyWebhookSignature.IsAuthentic(body, request.Headers["X-Shopify-Hmac-Sha256"], options.Secret, options.PreviousSecret))
        {
            LogRejected(logger, request.Headers["X-Shopify-Shop-Domain"].ToString());
            return Results.Unauthorized();
        }

        var topic = request.Headers["X-Shopify-Topic"].ToString();
        var delivery = FirstOf(request.Headers["X-Shopify-Event-Id"].ToString(), request.Headers["X-Shopify-Webhook-Id"].ToString());
        if (delivery is null)
        {
            return Results.BadRequest("X-Shopify-Event-Id (or X-Shopify-Webhook-Id) is missing.");
        }

        string? orderId;
        try
        {
            orderId = OrderIdOf(topic, body);
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, topic, delivery, ex.Message);
            return Results.BadRequest("The body is not JSON.");
        }

        if (orderId is null)
        {
            // Signed, but not an order change this SDK acts on: acknowledged so Shopify does not retry it for days.
            LogIgnored(logger, topic, delivery);
            return Results.Ok();
        }

        var added = await services.GetRequiredService<ConnectorInbox>().ReceiveOrderChangeAsync(options.Connector, delivery, orderId, ct).ConfigureAwait(false);
        LogStored(logger, topic, orderId, delivery, added ? "stored" : "already stored");
        return Results.Ok();
    }

    // Webhook payloads are REST-shaped: orders/* carry the order's "id", refunds/create its "order_id", orders/edited
    // an "order_edit" with "order_id".
    internal static string? OrderIdOf(string topic, byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var id = topic switch
        {
            "orders/paid" or "orders/updated" or "orders/create" or "orders/cancelled" or "orders/fulfilled" => Property(root, "id"),
            "refunds/create" => Property(root, "order_id"),
            "orders/edited" when root.TryGetProperty("order_edit", out var edit) => Property(edit, "order_id"),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(id) ? null : id;
    }

    private static string? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch { JsonValueKind.Number => value.GetRawText(), JsonValueKind.String => value.GetString(), _ => null }
            : null;

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static async Task<byte[]?> ReadAsync(Stream body, int max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(301, LogLevel.Warning, "Shopify webhook refused: signature does not match (shop {Shop})")]
    private static partial void LogRejected(ILogger logger, string shop);

    [LoggerMessage(302, LogLevel.Warning, "Shopify webhook {Topic} ({Delivery}) is signed but not JSON: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string topic, string delivery, string reason);

    [LoggerMessage(303, LogLevel.Information, "Shopify webhook {Topic} ({Delivery}) acknowledged, not an order change")]
    private static partial void LogIgnored(ILogger logger, string topic, string delivery);

    [LoggerMessage(304, LogLevel.Information, "Shopify webhook {Topic} for order {Order} ({Delivery}): {What}")]
    private static partial void LogStored(ILogger logger, string topic, string order, string delivery, string what);
}
