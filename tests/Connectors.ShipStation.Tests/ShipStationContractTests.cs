using System.Text.Json.Nodes;
using Connectors.Abstractions;
using Connectors.Http;
using Connectors.Matching;
using Connectors.Model;
using Connectors.Status;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.ShipStation.Tests;

/// <summary>Each API v1 operation fed with the documented examples (platforms file §1) through WireMock.</summary>
public sealed class ShipStationContractTests : IDisposable
{
    // §1.6's list_orders example, verbatim but for the line breaks.
    private const string DocumentedOrders = """
        {"orders":[{
          "orderId":123456789,"orderNumber":"WSM-1001","orderKey":"0f6bec18-9-4771-83aa-f392d84f4c74",
          "orderDate":"2025-01-14T08:46:27.0000000","createDate":"2025-01-14T09:00:34.8230000",
          "modifyDate":"2025-01-15T09:21:59.4430000","paymentDate":"2025-01-14T08:46:27.0000000",
          "shipByDate":null,"orderStatus":"awaiting_shipment",
          "customerId":37701499,"customerUsername":"buyer@example.com","customerEmail":"buyer@example.com",
          "billTo":{"name":"The President","company":null,"street1":null,"street2":null,"street3":null,"city":null,
                    "state":null,"postalCode":null,"country":null,"phone":null,"residential":null,"addressVerified":null},
          "shipTo":{"name":"The President","company":"US Govt","street1":"1600 Pennsylvania Ave","street2":"Oval Office",
                    "street3":null,"city":"Washington","state":"DC","postalCode":"20500","country":"US",
                    "phone":"555-555-5555","residential":false,"addressVerified":"Address validation warning"},
          "items":[{"orderItemId":128836912,"lineItemKey":"vd08-MSLbtx","sku":"ABC123","name":"Brake pad set",
                    "imageUrl":null,"weight":{"value":24,"units":"ounces","WeightUnits":1},"quantity":2,"unitPrice":99.99,
                    "taxAmount":2.5,"shippingAmount":5,"warehouseLocation":"Aisle 1, Bin 7",
                    "options":[{"name":"Size","value":"Large"}],"productId":123456,"fulfillmentSku":null,
                    "adjustment":false,"upc":"32-65-98","createDate":"2025-01-14T09:00:34.8230000","modifyDate":"2025-01-14T09:00:34.8230000"}],
          "orderTotal":194.43,"amountPaid":218.73,"taxAmount":5,"shippingAmount":10,
          "customerNotes":"Please ship ASAP","internalNotes":"Customer called","gift":false,"giftMessage":null,
          "paymentMethod":"Credit Card","requestedShippingService":"Priority Mail",
          "carrierCode":"fedex","serviceCode":"fedex_2day","packageCode":"package","confirmation":"delivery",
          "shipDate":null,"holdUntilDate":null,"weight":{"value":25,"units":"ounces","WeightUnits":1},"dimensions":null,
          "insuranceOptions":{"provider":null,"insureShipment":false,"insuredValue":0},
          "internationalOptions":{"contents":null,"customsItems":null,"nonDelivery":null},
          "advancedOptions":{"warehouseId":98765,"nonMachinable":false,"saturdayDelivery":false,"containsAlcohol":false,
                             "mergedOrSplit":false,"mergedIds":[],"parentId":null,"storeId":12345,
                             "customField1":null,"customField2":null,"customField3":null,"source":"webstore",
                             "billToParty":null,"billToAccount":null,"billToPostalCode":null,"billToCountryCode":null},
          "tagIds":null,"userId":null,"externallyFulfilled":false,"externallyFulfilledBy":null}],
         "total":1,"page":1,"pages":1}
        """;

    // §1.6's createorders answer example (partial failure).
    private const string DocumentedBulk = """
        {"hasErrors":true,"results":[
          {"orderId":123456789,"orderNumber":"WSM-1001","orderKey":"wsm-1001","success":true,"errorMessage":null},
          {"orderId":0,"orderNumber":"WSM-1002","orderKey":"wsm-1002","success":false,"errorMessage":"<text>"}]}
        """;

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly RecordedWaits _waits = new();
    private ServiceProvider? _provider;

    private ShipStationConnector Connector
    {
        get
        {
            if (_provider is null)
            {
                var services = new ServiceCollection();
                services.AddKeyedSingleton<TimeProvider>(ConnectorResilience.TimeProviderKey, _waits);
                services.AddShipStationConnector(o =>
                {
                    o.BaseUrl = new Uri(_server.Url!);
                    o.ApiKey = "ShipStation";
                    o.ApiSecret = "Rocks-SECRET";
                    o.OrderKeyPrefix = "wsm-";
                    o.RetryDelay = TimeSpan.Zero;
                });
                _provider = services.BuildServiceProvider();
            }

            return (ShipStationConnector)_provider.GetRequiredKeyedService<IOrderTarget>("shipstation");
        }
    }

    private void Answer(string method, string path, params (int Status, string Body, (string, string)[] Headers)[] answers)
    {
        for (var i = 0; i < answers.Length; i++)
        {
            var given = _server.Given(Request.Create().WithPath(path).UsingMethod(method)).InScenario(path);
            given = i == 0 ? given : given.WhenStateIs($"s{i}");
            var response = Response.Create().WithStatusCode(answers[i].Status).WithHeader("Content-Type", "application/json").WithBody(answers[i].Body);
            foreach (var (name, value) in answers[i].Headers)
            {
                response = response.WithHeader(name, value);
            }

            given.WillSetStateTo($"s{i + 1}").RespondWith(response);
        }
    }

    private static OrderSubmission Submission(string id, string number)
    {
        var order = new Order
        {
            SourceSystem = "wsm", SourceId = id, Number = number, StatusCode = "paid", Currency = "USD",
            CreatedAt = Instant.FromUtc(2025, 1, 14, 16, 46, 27), ModifiedAt = Instant.FromUtc(2025, 1, 14, 16, 46, 27),
            Customer = new CustomerContact { Id = "buyer@example.com", Email = "buyer@example.com", Name = "Jane Doe", Phone = "512-555-0100" },
            ShippingAddress = new Address { Name = "Jane Doe", Street = "1 Main St\nSuite 2", City = "Austin", Region = "TX", PostalCode = "78701", CountryCode = "US", Phone = "512-555-0100" },
            ShippingMethod = "Ground", Payment = new PaymentInfo { Method = "Credit Card" }, IsGift = true, GiftMessage = "Enjoy", InternalNote = "imported", CustomerNote = "ASAP",
            Discounts = [new Discount(5m, "SAVE5")], TotalWeight = 0.7m,
            Totals = new OrderTotals { Gross = 218.73m, Vat = 5m, ShippingGross = 10m },
            Lines = [new OrderLine { Sku = "ABC123", Name = "Brake pad set", Quantity = 2, UnitPriceGross = 99.99m, Weight = 0.68m, ImageUrl = "https://shop.example/abc.jpg", WarehouseLocation = "A1-B2", Options = ExtensionBag.Empty.Add("Fitment", "2015 F-150") }],
        };
        return new OrderSubmission(order, id, [new ResolvedLine(order.Lines[0], new Product { Code = "ABC123" })], []);
    }

    [Fact]
    public async Task The_documented_order_reads_with_every_seed_002_field_and_Pacific_dates()
    {
        Answer("GET", "/orders", (200, DocumentedOrders, []));

        var order = Assert.Single(await ((IOrderSource)Connector).GetOrdersAsync(new OrderQuery(Instant.FromUtc(2025, 1, 15, 0, 0), Instant.FromUtc(2025, 1, 16, 0, 0))).ToListAsync());

        Assert.Equal(("123456789", "WSM-1001", "awaiting_shipment"), (order.SourceId, order.Number, order.StatusCode));
        Assert.Equal(Instant.FromUtc(2025, 1, 15, 17, 21, 59) + Duration.FromMilliseconds(443), order.ModifiedAt);
        Assert.Equal(("buyer@example.com", "555-555-5555"), (order.Customer.Email, order.Customer.Phone));
        Assert.Equal(("Priority Mail", "Credit Card", "Please ship ASAP", "Customer called"), (order.ShippingMethod, order.Payment.Method, order.CustomerNote, order.InternalNote));
        Assert.Equal("1600 Pennsylvania Ave\nOval Office", order.ShippingAddress!.Street);
        var line = Assert.Single(order.Lines);
        Assert.Equal(("ABC123", 2m, 99.99m, "Aisle 1, Bin 7", "Large"), (line.Sku, line.Quantity, line.UnitPriceGross!.Value, line.WarehouseLocation, line.Options["Size"]));
        Assert.Equal(0.680389m, line.Weight);
        Assert.Equal(0.708738m, order.TotalWeight);
        var query = _server.LogEntries.Single().RequestMessage.RawQuery;
        Assert.Contains("modifyDateStart=2025-01-14%2016%3A00%3A00", query);
        Assert.Contains("pageSize=500", query);
    }

    [Fact]
    public async Task Orders_go_in_one_createorders_call_with_every_seed_002_field_and_a_partial_failure_holds_only_its_order()
    {
        Answer("POST", "/orders/createorders", (200, DocumentedBulk, []));

        var results = await Connector.CreateOrdersAsync([Submission("1001", "WSM-1001"), Submission("1002", "WSM-1002")]);

        Assert.Equal(("123456789", true), (results.Single(r => r.SourceReference == "1001").TargetOrderId, results.Single(r => r.SourceReference == "1001").Created));
        Assert.Contains("<text>", results.Single(r => r.SourceReference == "1002").Rejection);
        var sent = JsonNode.Parse(_server.LogEntries.Single().RequestMessage.Body!)!.AsArray();
        var o = sent[0]!;
        Assert.Equal(("wsm-1001", "WSM-1001", "awaiting_shipment", "2025-01-14 08:46:27"), ((string?)o["orderKey"], (string?)o["orderNumber"], (string?)o["orderStatus"], (string?)o["orderDate"]));
        Assert.Equal(("buyer@example.com", "512-555-0100", "Ground", "Credit Card"), ((string?)o["customerEmail"], (string?)o["shipTo"]!["phone"], (string?)o["requestedShippingService"], (string?)o["paymentMethod"]));
        Assert.Equal((true, "Enjoy", "imported", "ASAP"), ((bool)o["gift"]!, (string?)o["giftMessage"], (string?)o["internalNotes"], (string?)o["customerNotes"]));
        Assert.Equal(("1 Main St", "Suite 2"), ((string?)o["shipTo"]!["street1"], (string?)o["shipTo"]!["street2"]));
        Assert.Equal(700m, o["weight"]!["value"]!.GetValue<decimal>());
        var item = o["items"]![0]!;
        Assert.Equal((680m, "grams", "https://shop.example/abc.jpg", "A1-B2", "2015 F-150"), (item["weight"]!["value"]!.GetValue<decimal>(), (string?)item["weight"]!["units"], (string?)item["imageUrl"], (string?)item["warehouseLocation"], (string?)item["options"]![0]!["value"]));
        var discount = o["items"]![1]!;
        Assert.Equal((true, -5m, "Discount (SAVE5)"), ((bool)discount["adjustment"]!, discount["unitPrice"]!.GetValue<decimal>(), (string?)discount["name"]));
        Assert.False(o["weight"]!.AsObject().ContainsKey("WeightUnits"));
    }

    [Fact]
    public async Task A_locked_shipped_order_is_refused_in_the_result_without_failing_the_batch()
    {
        Answer("POST", "/orders/createorders", (200, """{"hasErrors":true,"results":[{"orderId":5,"orderNumber":"WSM-1001","orderKey":"wsm-1001","success":false,"errorMessage":"Order is shipped and can no longer be updated"}]}""", []));

        var result = Assert.Single(await Connector.CreateOrdersAsync([Submission("1001", "WSM-1001")]));

        Assert.False(result.Created);
        Assert.Null(result.Failure);
        Assert.Contains("can no longer be updated", result.Rejection);
    }

    [Fact]
    public async Task A_429_waits_X_Rate_Limit_Reset_seconds_then_sends_again_and_an_exhausted_window_paces_the_next_call()
    {
        Answer(
            "GET",
            "/orders",
            (429, """{"message":"Too Many Requests"}""", [("X-Rate-Limit-Limit", "40"), ("X-Rate-Limit-Remaining", "0"), ("X-Rate-Limit-Reset", "20")]),
            (200, DocumentedOrders, [("X-Rate-Limit-Limit", "40"), ("X-Rate-Limit-Remaining", "0"), ("X-Rate-Limit-Reset", "15")]),
            (200, DocumentedOrders, [("X-Rate-Limit-Remaining", "39"), ("X-Rate-Limit-Reset", "60")]));
        var source = (IOrderSource)Connector;
        var window = new OrderQuery(Instant.FromUtc(2025, 1, 15, 0, 0), Instant.FromUtc(2025, 1, 16, 0, 0));

        Assert.Single(await source.GetOrdersAsync(window).ToListAsync());
        Assert.Single(await source.GetOrdersAsync(window).ToListAsync());

        Assert.Equal(3, _server.LogEntries.Count());
        Assert.Contains(_waits.Waits, w => w >= TimeSpan.FromSeconds(19) && w <= TimeSpan.FromSeconds(21));
        Assert.Contains(_waits.Waits, w => w >= TimeSpan.FromSeconds(13) && w <= TimeSpan.FromSeconds(15));
    }

    [Theory]
    [InlineData(400, """{"Message":"The request is invalid.","ModelState":{"apiOrder":["Cannot deserialize the current JSON array"]}}""", "The request is invalid.")]
    [InlineData(429, """{"message":"Too Many Requests"}""", "Too Many Requests")]
    [InlineData(500, """{"Message":"An error has occurred.","ExceptionMessage":"Object reference not set to an instance of an object.","ExceptionType":"System.NullReferenceException","StackTrace":null}""", "An error has occurred. (Object reference not set")]
    public async Task Errors_are_read_in_PascalCase_and_name_ShipStations_words_without_the_secret(int status, string body, string expected)
    {
        Answer("GET", "/orders", [.. Enumerable.Repeat((status, body, Array.Empty<(string, string)>()), 4)]);
        var connector = Connector;

        var error = await Assert.ThrowsAsync<PlatformException>(async () => await ((IOrderSource)connector).GetOrdersAsync(new OrderQuery(Instant.FromUtc(2025, 1, 15, 0, 0), Instant.FromUtc(2025, 1, 16, 0, 0))).ToListAsync());

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("Rocks-SECRET", error.ToString());
        Assert.Equal(status, error.HttpStatus);
    }

    [Fact]
    public async Task Shipments_read_back_with_tracking_carrier_service_and_cost_for_the_orders_we_created()
    {
        var shipped = DocumentedOrders.Replace("\"orderKey\":\"0f6bec18-9-4771-83aa-f392d84f4c74\"", "\"orderKey\":\"wsm-880001\"", StringComparison.Ordinal).Replace("awaiting_shipment", "shipped", StringComparison.Ordinal);
        Answer("GET", "/orders", (200, shipped, []));
        Answer("GET", "/shipments", (200, """
            {"shipments":[{"shipmentId":33974374,"orderId":123456789,"orderNumber":"WSM-1001","createDate":"2025-01-16T06:51:33.6270000",
              "shipDate":"2025-01-16","shipmentCost":7.35,"insuranceCost":0,"trackingNumber":"9400111899561704681189",
              "isReturnLabel":false,"batchNumber":"100301","carrierCode":"stamps_com","serviceCode":"usps_priority_mail",
              "packageCode":"package","confirmation":"delivery","warehouseId":98765,"voided":false,"voidDate":null,
              "marketplaceNotified":true,"notifyErrorMessage":null,"shipTo":{"name":"Jane Doe","country":"US"},
              "weight":{"value":25,"units":"ounces","WeightUnits":1},"shipmentItems":null,"labelData":null,"formData":null}],
             "total":1,"page":1,"pages":1}
            """, []));
        Answer("GET", "/fulfillments", (200, """{"fulfillments":[],"total":0,"page":1,"pages":0}""", []));

        var state = Assert.Single(await ((IFulfilmentSource)Connector).GetFulfilmentUpdatesAsync(Instant.FromUtc(2025, 1, 15, 0, 0)).ToListAsync());

        Assert.Equal(("880001", "123456789", CanonicalOrderStatus.Shipped), (state.SourceReference, state.TargetOrderId, state.Status));
        var parcel = Assert.Single(state.AllShipments);
        Assert.Equal(("9400111899561704681189", "stamps_com", "usps_priority_mail", 7.35m), (parcel.TrackingNumber, parcel.Carrier, parcel.Service, parcel.Cost!.Value));
        Assert.Equal(("WSM-1001", "buyer@example.com"), (state.Extensions["orderNumber"], state.Extensions["customerCode"]));
    }

    [Fact]
    public async Task Label_costs_are_read_for_every_order_with_insurance_added_and_voided_labels_marked()
    {
        Answer("GET", "/shipments", (200, """
            {"shipments":[
              {"shipmentId":33974374,"orderId":123456789,"orderNumber":"WSM-1001","createDate":"2025-01-16T06:51:33.6270000","shipDate":"2025-01-16","shipmentCost":7.35,"insuranceCost":1.10,"trackingNumber":"9400111899561704681189","isReturnLabel":false,"carrierCode":"stamps_com","serviceCode":"usps_priority_mail","voided":false,"voidDate":null},
              {"shipmentId":33974375,"orderId":123456789,"orderNumber":"WSM-1001","createDate":"2025-01-16T07:00:00.0000000","shipDate":"2025-01-16","shipmentCost":9.99,"insuranceCost":0,"trackingNumber":"X","isReturnLabel":false,"carrierCode":"ups","serviceCode":"ups_ground","voided":true,"voidDate":"2025-01-16T08:00:00.0000000"}],
             "total":2,"page":1,"pages":1}
            """, []));

        var costs = await ((Connectors.Accounting.IShippingCostSource)Connector).GetShippingCostsAsync(Instant.FromUtc(2025, 1, 16, 0, 0)).ToListAsync();

        Assert.Equal([("WSM-1001", 8.45m, false), ("WSM-1001", 9.99m, true)], costs.Select(c => (c.OrderNumber, c.Cost, c.Voided)));
        Assert.Equal(Instant.FromUtc(2025, 1, 16, 14, 51, 33) + Duration.FromMilliseconds(627), costs[0].CreatedAt);
        Assert.Contains("createDateStart=2025-01-15%2016%3A00%3A00", _server.LogEntries.Single().RequestMessage.RawQuery);
    }

    [Fact]
    public async Task Mark_as_shipped_sends_the_documented_body()
    {
        Answer("POST", "/orders/markasshipped", (200, """{"orderId":123456789,"orderNumber":"WSM-1001"}""", []));
        var parcel = new Shipment { TrackingNumber = "9400111899561704681189", Carrier = "usps", ShippedAt = Instant.FromUtc(2025, 1, 16, 20, 0) };

        var result = Assert.Single(await Connector.SetStatusesAsync([new StatusUpdate("123456789", CanonicalOrderStatus.Shipped, "shipped", parcel)]));

        Assert.Equal(WriteStatus.Succeeded, result.Status);
        Assert.Equal("""{"orderId":123456789,"carrierCode":"usps","shipDate":"2025-01-16","trackingNumber":"9400111899561704681189","notifyCustomer":false,"notifySalesChannel":false}""", _server.LogEntries.Single().RequestMessage.Body);
    }

    [Fact]
    public async Task A_thousand_orders_cost_ten_createorders_calls_the_100_per_call_floor()
    {
        using var simulator = ShipStationSimulator.Start();
        var services = new ServiceCollection();
        services.AddShipStationConnector(o => { o.BaseUrl = new Uri(simulator.BaseUrl); o.ApiKey = simulator.ApiKey; o.ApiSecret = simulator.ApiSecret; });
        using var provider = services.BuildServiceProvider();
        var target = provider.GetRequiredKeyedService<IOrderTarget>("shipstation");

        var results = await target.CreateOrdersAsync([.. Enumerable.Range(1, 1000).Select(i => Submission($"{i}", $"WSM-{i}"))]);

        Assert.All(results, r => Assert.True(r.Created));
        Assert.Equal(10, simulator.Requests.Count(r => r.Function.StartsWith("POST orders/createorders", StringComparison.Ordinal)));
        Assert.Equal(1000, simulator.Orders.Count);
    }

    [Fact]
    public void Settings_are_checked_at_start_naming_the_field_and_value()
    {
        var services = new ServiceCollection();
        services.AddShipStationConnector(o => { o.ApiKey = "k"; o.ApiSecret = "s3cret"; o.TimeZone = "Pacific"; o.PageSize = 900; o.NewOrderStatus = "shipped"; });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredKeyedService<IOrderTarget>("shipstation"));

        Assert.Contains("TimeZone must be an IANA zone id (ShipStation v1 dates are America/Los_Angeles), but was 'Pacific'", error.Message);
        Assert.Contains("PageSize must be 1..500", error.Message);
        Assert.Contains("NewOrderStatus must be one of awaiting_payment, awaiting_shipment, on_hold", error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _server.Dispose();
    }
}
