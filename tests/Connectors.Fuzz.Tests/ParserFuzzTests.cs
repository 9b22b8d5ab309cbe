using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Connectors.Hosting;
using Connectors.ShipStation;
using Connectors.ShipStation.CustomStore;
using Connectors.Shopify.AspNetCore;
using Connectors.State;
using Connectors.Unleashed;
using CsCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Fuzz.Tests;

/// <summary>The parsers that stand alone: dates of three platforms, and the Shopify webhook body behind its signature.</summary>
public sealed class ParserFuzzTests
{
    private static readonly int Iterations = 20 * (int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), out var n) ? n : 40);

    // Documented shapes to mutate from: Unleashed's /Date(ms)/, ShipStation's Pacific answer dates, Custom Store's UTC dates.
    private static readonly Gen<string> DateText = Gen.OneOf(
        Gen.String,
        Gen.Select(Gen.OneOf(Gen.Const("/Date(1700000000000)/"), Gen.Const("/Date(1700000000000+0000)/"), Gen.Const("2025-03-09T02:30:00.0000000"), Gen.Const("2025-11-02T01:30:00"), Gen.Const("2025-01-15"), Gen.Const("01/15/2025 10:30")), BodyMutation.Some, BodyMutation.Apply));

    [Fact]
    public void Date_parsers_answer_a_date_nothing_or_a_FormatException_naming_the_text()
    {
        var pacific = new ShipStationTime("America/Los_Angeles");
        DateText.Sample(text =>
        {
            foreach (var parse in new Func<string, object?>[] { t => UnleashedDate.Parse(t), t => CustomStoreDates.Parse(t), t => pacific.Parse(t) })
            {
                try
                {
                    _ = parse(text);
                }
                catch (FormatException ex)
                {
                    Assert.Contains(text.Length > 40 ? text[..40] : text, ex.Message, StringComparison.Ordinal);
                }
            }
        }, iter: Iterations);
    }

    [Theory]
    [InlineData("/Date(99999999999999999)/")]
    [InlineData("/Date(-99999999999999999)/")]
    public void An_Unleashed_date_beyond_the_calendar_is_a_FormatException_naming_it(string text)
    {
        var error = Assert.Throws<FormatException>(() => UnleashedDate.Parse(text));

        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    // The documented orders/paid example (platforms file §4.6).
    private const string OrdersPaid = """{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508","name":"#1001","email":"buyer@example.com","created_at":"2025-01-15T05:00:00-05:00","updated_at":"2025-01-15T05:01:00-05:00","financial_status":"paid","fulfillment_status":null,"currency":"USD","total_price":"24.93","subtotal_price":"19.98","total_tax":"0.00","shipping_lines":[{"title":"Standard","price":"4.95"}],"line_items":[{"id":466157049,"variant_id":39072856,"sku":"ABC-1","name":"Brake pad set","quantity":2,"price":"9.99"}],"shipping_address":{"name":"Jane Doe","address1":"1 Main St","city":"Austin","province_code":"TX","zip":"78701","country_code":"US"}}""";

    [Fact]
    public async Task A_signed_but_mangled_webhook_body_is_answered_never_a_server_error()
    {
        const string secret = "fuzz-app-secret";
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ISyncStateStore>(new InMemorySyncStateStore());
        builder.Services.AddConnectors();
        builder.Services.AddShopifyWebhooks(o => { o.Secret = secret; o.Connector = "shopify"; });
        await using var app = builder.Build();
        app.MapShopifyWebhooks("/webhooks/shopify");
        await app.StartAsync();
        using var client = app.GetTestClient();
        var statuses = new Dictionary<HttpStatusCode, int>();
        var delivery = 0;

        await BodyMutation.Some.SampleAsync(async mutations =>
        {
            var bytes = Encoding.UTF8.GetBytes(BodyMutation.Apply(OrdersPaid, mutations));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Shopify-Topic", "orders/paid");
            request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
            request.Headers.Add("X-Shopify-Event-Id", $"evt-{Interlocked.Increment(ref delivery).ToString(CultureInfo.InvariantCulture)}");
            using var response = await client.SendAsync(request);
            lock (statuses)
            {
                statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            }

            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} after {string.Join(" then ", mutations.Select(m => m.ToString()))}");
        }, iter: Iterations / 10, threads: 1);

        Assert.NotEmpty(statuses);
    }
}
