using System.Net;
using System.Text;
using Connectors.Hosting;
using Connectors.Shopify.AspNetCore;
using Connectors.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Shopify.Tests;

/// <summary>The webhook endpoint as Shopify calls it: signed REST-shaped bodies, re-deliveries, a rotated secret.</summary>
public sealed class ShopifyWebhookTests : IAsyncLifetime
{
    private const string Secret = "test-app-secret";

    // The documented orders/paid example (platforms file §4.6), exact bytes.
    private const string OrdersPaid = """{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508","name":"#1001","email":"buyer@example.com","created_at":"2025-01-15T05:00:00-05:00","updated_at":"2025-01-15T05:01:00-05:00","financial_status":"paid","fulfillment_status":null,"currency":"USD","total_price":"24.93","subtotal_price":"19.98","total_tax":"0.00","shipping_lines":[{"title":"Standard","price":"4.95"}],"line_items":[{"id":466157049,"variant_id":39072856,"sku":"ABC-1","name":"Brake pad set","quantity":2,"price":"9.99"}],"shipping_address":{"name":"Jane Doe","address1":"1 Main St","city":"Austin","province_code":"TX","zip":"78701","country_code":"US"}}""";

    private readonly InMemorySyncStateStore _store = new();
    private IHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<ISyncStateStore>(_store);
        builder.Services.AddConnectors();
        builder.Services.AddShopifyWebhooks(o => { o.Secret = Secret; o.PreviousSecret = "old-secret"; o.Connector = "shopify"; });
        var app = builder.Build();
        app.MapShopifyWebhooks("/webhooks/shopify");
        await app.StartAsync();
        _host = app;
        _client = app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }

    private Task<HttpResponseMessage> DeliverAsync(string body, string topic = "orders/paid", string? eventId = "evt-1", string secret = Secret, string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Hmac-Sha256", signature ?? ShopifyWebhookSignature.Sign(secret, bytes));
        request.Headers.Add("X-Shopify-Shop-Domain", "example.myshopify.com");
        if (eventId is not null)
        {
            request.Headers.Add("X-Shopify-Event-Id", eventId);
        }

        return _client.SendAsync(request);
    }

    private Task<IReadOnlyList<InboxItem>> InboxAsync() => _store.GetInboxAsync("shopify", InboxItemKind.OrderChanged, 100);

    [Fact]
    public void The_signature_matches_the_documented_test_vector() =>
        Assert.Equal("Q1Mk1PrPPrcUUDBAy86Og6T1dGLMBbAdg/vqRtkX84w=", ShopifyWebhookSignature.Sign(Secret, Encoding.UTF8.GetBytes("""{"id":820982911946154508,"financial_status":"paid"}""")));

    [Fact]
    public async Task A_signed_orders_paid_delivery_is_stored_once_and_a_redelivery_changes_nothing()
    {
        var first = await DeliverAsync(OrdersPaid);
        var again = await DeliverAsync(OrdersPaid);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        var item = Assert.Single(await InboxAsync());
        Assert.Equal(("evt-1", "820982911946154508"), (item.DeliveryId, item.Subject));
    }

    [Fact]
    public async Task A_bad_signature_answers_401_and_stores_nothing()
    {
        var forged = await DeliverAsync(OrdersPaid, secret: "someone-else");
        var missing = await DeliverAsync(OrdersPaid, signature: "");
        var altered = await DeliverAsync(OrdersPaid.Replace("24.93", "0.01", StringComparison.Ordinal), signature: ShopifyWebhookSignature.Sign(Secret, Encoding.UTF8.GetBytes(OrdersPaid)));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], new[] { forged.StatusCode, missing.StatusCode, altered.StatusCode });
        Assert.Empty(await InboxAsync());
    }

    [Fact]
    public async Task The_previous_secret_is_accepted_during_a_rotation()
    {
        var response = await DeliverAsync(OrdersPaid, secret: "old-secret");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await InboxAsync());
    }

    [Fact]
    public async Task A_refund_names_its_order_and_a_topic_that_is_not_an_order_change_is_acknowledged_and_ignored()
    {
        await DeliverAsync("""{"id":509562969,"order_id":820982911946154508,"note":"broken"}""", topic: "refunds/create", eventId: "evt-2");
        var other = await DeliverAsync("""{"id":1,"title":"Mug"}""", topic: "products/update", eventId: "evt-3");

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var item = Assert.Single(await InboxAsync());
        Assert.Equal(("evt-2", "820982911946154508"), (item.DeliveryId, item.Subject));
    }

    [Fact]
    public async Task A_delivery_without_an_event_id_or_with_a_signed_body_that_is_not_json_is_refused_with_400()
    {
        var noId = await DeliverAsync(OrdersPaid, eventId: null);
        var notJson = await DeliverAsync("<html>oops</html>", eventId: "evt-4");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (noId.StatusCode, notJson.StatusCode));
        Assert.Empty(await InboxAsync());
    }
}
