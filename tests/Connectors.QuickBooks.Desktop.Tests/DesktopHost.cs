using System.Collections.Immutable;
using Connectors.Accounting;
using Connectors.Model;
using Connectors.State;
using Connectors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Connectors.QuickBooks.Desktop.Tests;

/// <summary>The endpoint on a test server, a company file registered, and a simulated Web Connector calling it.</summary>
internal sealed class DesktopHost : IAsyncDisposable
{
    public const string User = "shop-qbwc";
    public const string Password = "s3cret-Pa55";

    private DesktopHost(WebApplication app, ISyncStateStore store, QuickBooksWebConnectorSimulator connector, List<string> logs)
    {
        App = app;
        Store = store;
        WebConnector = connector;
        Logs = logs;
        Target = app.Services.GetRequiredKeyedService<IAccountingTarget>("quickbooks-desktop");
    }

    public WebApplication App { get; }

    public ISyncStateStore Store { get; }

    public QuickBooksWebConnectorSimulator WebConnector { get; }

    public SimulatedCompanyFile Company => WebConnector.Company;

    public IAccountingTarget Target { get; }

    public List<string> Logs { get; }

    public static async Task<DesktopHost> StartAsync(Action<QuickBooksDesktopOptions>? configure = null, ISyncStateStore? store = null, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        store ??= new InMemorySyncStateStore();
        var logs = new List<string>();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(new ListLoggerProvider(logs));
        builder.Services.AddSingleton(store);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddQuickBooksDesktopConnector(o =>
        {
            o.UserName = User;
            o.Password = Password;
            o.DepositToAccount = "Undeposited Funds";
            o.ShippingItem = "Shipping";
            o.DefaultItem = "Misc";
            o.TaxLineItem = "Sales Tax";
            o.ExpensesPaidFromAccount = "Checking";
            o.FeeExpenseAccount = "Merchant Fees";
            o.CarrierCostAccount = "Postage and Delivery";
            o.PaymentMethods["Credit Card"] = "Visa";
            configure?.Invoke(o);
        }, "quickbooks-desktop");
        var app = builder.Build();
        app.MapQuickBooksWebConnector("/qbwc");
        await app.StartAsync();
        var company = new SimulatedCompanyFile();
        company.AddItem("ABC-1");
        company.AddItem("XYZ-9");
        var connector = new QuickBooksWebConnectorSimulator(app.GetTestClient(), new Uri("http://localhost/qbwc"), User, Password, company);
        return new DesktopHost(app, store, connector, logs);
    }

    /// <summary>Order #1001: 2 × ABC-1 at 10.00 net + 27 % tax, shipping 5.00 + 1.35 tax; a carrier cost 4.20 and a fee 0.90.</summary>
    public static AccountingDocument Order(string reference = "#1001", string? sku = "ABC-1", bool expenses = true) => new()
    {
        Reference = reference,
        SourceReference = reference.TrimStart('#'),
        Channel = "shipstation",
        Date = Instant.FromUtc(2026, 11, 30, 10, 0),
        Currency = "USD",
        Customer = new CustomerContact { Name = "Ada Lovelace", Email = "ada@example.com" },
        PaymentMethod = "Credit Card",
        Lines =
        [
            new AccountingLine(AccountingLineKind.Product, "Brake pad set", 2, 10m, 20m, 5.40m, 27m, sku),
            new AccountingLine(AccountingLineKind.Shipping, "UPS Ground", 1, 5m, 5m, 1.35m, 27m),
        ],
        Expenses = expenses ? [new MerchantCost(MerchantCostKind.Carrier, 4.20m, "USD", "shipstation"), new MerchantCost(MerchantCostKind.Other, 0.90m, "USD", "stripe")] : ImmutableArray<MerchantCost>.Empty,
    };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines)
                {
                    lines.Add(formatter(state, exception) + exception);
                }
            }
        }
    }
}
