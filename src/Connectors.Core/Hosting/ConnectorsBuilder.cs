using Connectors.Accounting;
using Connectors.Abstractions;
using Connectors.State;
using Connectors.Status;
using Connectors.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting;

/// <summary>Declares sync pipelines, their state store and their scheduling. Returned by <see cref="ConnectorsServiceCollectionExtensions.AddConnectors"/>.</summary>
public sealed class ConnectorsBuilder
{
    internal ConnectorsBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Keeps state in memory (lost on exit; for tests and trials).</summary>
    public ConnectorsBuilder UseInMemoryState()
    {
        Services.Replace(ServiceDescriptor.Singleton<ISyncStateStore, InMemorySyncStateStore>());
        return this;
    }

    /// <summary>Order sync, configured in code.</summary>
    public ConnectorsBuilder AddOrderSync(string name, Action<OrderSyncOptions> configure) =>
        AddPipeline(name, "orders", configure, null, CreateOrderSync, ValidateOrderSync);

    /// <summary>Order sync, bound from a configuration section.</summary>
    public ConnectorsBuilder AddOrderSync(string name, IConfiguration section) =>
        AddPipeline<OrderSyncOptions>(name, "orders", null, section, CreateOrderSync, ValidateOrderSync);

    /// <summary>Status back-sync, configured in code.</summary>
    public ConnectorsBuilder AddStatusSync(string name, Action<StatusSyncOptions> configure) =>
        AddPipeline(name, "status", configure, null, CreateStatusSync, ValidateStatusSync);

    /// <summary>Status back-sync, bound from a configuration section.</summary>
    public ConnectorsBuilder AddStatusSync(string name, IConfiguration section) =>
        AddPipeline<StatusSyncOptions>(name, "status", null, section, CreateStatusSync, ValidateStatusSync);

    /// <summary>Stock sync, configured in code.</summary>
    public ConnectorsBuilder AddStockSync(string name, Action<StockSyncOptions> configure) =>
        AddPipeline(name, "stock", configure, null, CreateStockSync, ValidateStockSync);

    /// <summary>Stock sync, bound from a configuration section.</summary>
    public ConnectorsBuilder AddStockSync(string name, IConfiguration section) =>
        AddPipeline<StockSyncOptions>(name, "stock", null, section, CreateStockSync, ValidateStockSync);

    /// <summary>Product sync, configured in code.</summary>
    public ConnectorsBuilder AddProductSync(string name, Action<ProductSyncOptions> configure) =>
        AddPipeline(name, "products", configure, null, CreateProductSync, ValidateProductSync);

    /// <summary>Product sync, bound from a configuration section.</summary>
    public ConnectorsBuilder AddProductSync(string name, IConfiguration section) =>
        AddPipeline<ProductSyncOptions>(name, "products", null, section, CreateProductSync, ValidateProductSync);

    /// <summary>
    /// Applies pushed fulfilment updates (<see cref="ConnectorInbox.ReceiveFulfilmentAsync"/>) to a shop whose orders did
    /// not come through an order pipeline; <see cref="FulfilmentUpdatesPipeline.ApplyAsync"/> applies a list directly.
    /// </summary>
    public ConnectorsBuilder AddFulfilmentUpdates(string name, Action<FulfilmentUpdatesOptions> configure) =>
        AddPipeline(name, "fulfilment", configure, null, CreateFulfilmentUpdates, ValidateFulfilmentUpdates);

    /// <summary>Orders posted to an accounting system (seed 001), configured in code.</summary>
    public ConnectorsBuilder AddAccountingSync(string name, Action<AccountingSyncOptions> configure) =>
        AddPipeline(name, "accounting", configure, null, CreateAccountingSync, ValidateAccountingSync);

    /// <summary>Orders posted to an accounting system (seed 001), bound from a configuration section.</summary>
    public ConnectorsBuilder AddAccountingSync(string name, IConfiguration section) =>
        AddPipeline<AccountingSyncOptions>(name, "accounting", null, section, CreateAccountingSync, ValidateAccountingSync);

    /// <summary>Fulfilment updates to a shop, bound from a configuration section.</summary>
    public ConnectorsBuilder AddFulfilmentUpdates(string name, IConfiguration section) =>
        AddPipeline<FulfilmentUpdatesOptions>(name, "fulfilment", null, section, CreateFulfilmentUpdates, ValidateFulfilmentUpdates);

    /// <summary>
    /// The status pairs of one connector (seed 000's "status pairs"): which of its codes mean what, which statuses are
    /// sent on, which code is written back. Configured once per connector; every pipeline reading or writing that
    /// connector's statuses uses them.
    /// </summary>
    public ConnectorsBuilder AddStatusPairs(string connector, Action<StatusPairsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddStatusPairs(connector, $"Status pairs of '{connector}'", o => o.Configure(configure));
    }

    /// <summary>The status pairs of one connector, bound from a configuration section (e.g. <c>Connectors:StatusPairs:unas</c>).</summary>
    public ConnectorsBuilder AddStatusPairs(string connector, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var where = section is IConfigurationSection { Path: var path } ? $"Status pairs of '{connector}' ({path})" : $"Status pairs of '{connector}'";
        return AddStatusPairs(connector, where, o => o.Bind(section));
    }

    /// <summary>The status pairs of every connector named under <paramref name="section"/> (e.g. <c>Connectors:StatusPairs</c>, one child per connector).</summary>
    public ConnectorsBuilder AddStatusPairs(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        foreach (var child in section.GetChildren())
        {
            AddStatusPairs(child.Key, child);
        }

        return this;
    }

    private ConnectorsBuilder AddStatusPairs(string connector, string where, Action<OptionsBuilder<StatusPairsOptions>> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connector);
        var options = Services.AddOptions<StatusPairsOptions>(connector);
        configure(options);
        options.ValidateOnStart();
        Services.AddSingleton<IValidateOptions<StatusPairsOptions>>(new NamedValidator<StatusPairsOptions>(connector, where, StatusPairsValidator.Check));
        Services.AddKeyedSingleton<IStatusMapper>(connector, (sp, key) => new StatusMapper(sp.GetRequiredService<IOptionsMonitor<StatusPairsOptions>>().Get(connector)));
        return this;
    }

    /// <summary>Runs every enabled pipeline on its interval in a hosted service, with on-demand triggers.</summary>
    public ConnectorsBuilder AddScheduler()
    {
        Services.TryAddSingleton(sp => new SyncScheduler(sp, sp.GetServices<PipelineRegistration>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<SyncScheduler>>()));
        Services.TryAddSingleton<ISyncTrigger>(sp => sp.GetRequiredService<SyncScheduler>());
        Services.TryAddSingleton<ISyncSchedule>(sp => sp.GetRequiredService<SyncScheduler>());
        Services.AddHostedService(sp => sp.GetRequiredService<SyncScheduler>());
        return this;
    }

    private ConnectorsBuilder AddPipeline<TOptions>(
        string name,
        string kind,
        Action<TOptions>? configure,
        IConfiguration? section,
        Func<IServiceProvider, string, TOptions, ISyncPipeline> create,
        Func<TOptions, IEnumerable<string>> validate)
        where TOptions : PipelineOptions
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = Services.AddOptions<TOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (section is not null)
        {
            options.Bind(section);
        }

        options.ValidateOnStart();

        // Start-up also builds the pipeline once, so an unknown connector name or a missing capability stops the host
        // before any pipeline has written, naming the pipeline, the field and the value.
        var where = section is IConfigurationSection { Path: var path } ? $"Pipeline '{name}' ({path})" : $"Pipeline '{name}'";
        Services.AddSingleton<IValidateOptions<TOptions>>(sp => new NamedValidator<TOptions>(name, where, o => Resolvable(sp, name, o, create, validate)));
        Services.AddKeyedSingleton<ISyncPipeline>(name, (sp, _) => create(sp, name, sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)));
        Services.AddSingleton(new PipelineRegistration(name, kind, sp => sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)));
        return this;
    }

    private static List<string> Resolvable<TOptions>(IServiceProvider sp, string name, TOptions o, Func<IServiceProvider, string, TOptions, ISyncPipeline> create, Func<TOptions, IEnumerable<string>> validate)
    {
        var errors = validate(o).ToList();
        if (o is OrderSyncOptions orders && sp.GetService<IConfiguration>() is { } root)
        {
            // Status pairs have one place, Connectors:StatusPairs:{connector}; pairs anywhere else would be silently ignored.
            var connectors = root.GetSection("Connectors");
            errors.AddRange(connectors.GetChildren().Concat(connectors.GetSection("Pipelines").GetChildren())
                .Where(c => !string.Equals(c.Key, "StatusPairs", StringComparison.OrdinalIgnoreCase) && c.GetSection("StatusPairs").Exists())
                .Select(c => $"{c.Path}:StatusPairs is not read; status pairs belong to the connector, once: Connectors:StatusPairs:{orders.Source}."));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        try
        {
            create(sp, name, o);
        }
        catch (OptionsValidationException)
        {
            // Another pipeline or connector this one uses is invalid; its own validator names the problem.
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(ex.Message.Replace($"Pipeline '{name}': ", "", StringComparison.Ordinal));
        }

        return errors;
    }

    // The connector's status pairs, with the rules a pipeline adds (codes present; write-back codes among their status's).
    private static (StatusPairsOptions Pairs, IStatusMapper Mapper) StatusPairsOf(IServiceProvider sp, string pipeline, string field, string connector, bool writesBack)
    {
        var mapper = sp.GetKeyedService<IStatusMapper>(connector)
            ?? throw new InvalidOperationException($"Pipeline '{pipeline}': {field} '{connector}' has no status pairs. Configure them once for the connector: Connectors:StatusPairs:{connector} (or AddStatusPairs(\"{connector}\", ...)).");
        var pairs = sp.GetRequiredService<IOptionsMonitor<StatusPairsOptions>>().Get(connector);
        return StatusPairsValidator.CheckForPipeline(pairs, writesBack) is { Count: > 0 } problems
            ? throw new InvalidOperationException($"Pipeline '{pipeline}': the status pairs of '{connector}': {string.Join(" ", problems)}")
            : (pairs, mapper);
    }

    private static T Connector<T>(IServiceProvider sp, string pipeline, string field, string name)
        where T : class =>
        Checked(sp.GetKeyedService<T>(name)
        ?? throw new InvalidOperationException($"Pipeline '{pipeline}': {field} '{name}' is not a registered {typeof(T).Name}. Register the connector under that name."), pipeline, field, name);

    // A connector registered for a role may still lack the settings the role needs: it says which.
    private static T Checked<T>(T connector, string pipeline, string field, string name)
        where T : class =>
        connector is IConnectorRoleCheck check && check.ProblemAs(typeof(T)) is { } problem
            ? throw new InvalidOperationException($"Pipeline '{pipeline}': {field} '{name}' ({check.System}) cannot act as {typeof(T).Name}: {problem}")
            : connector;

    // The connector is registered but may lack the capability: the message says which of the two it is.
    private static T Capability<T>(IServiceProvider sp, string pipeline, string field, string name)
        where T : class
    {
        if (sp.GetKeyedService<T>(name) is { } capable)
        {
            return Checked(capable, pipeline, field, name);
        }

        var connector = sp.GetKeyedService<IOrderTarget>(name) as IConnector ?? sp.GetKeyedService<IOrderSource>(name);
        return connector is T same
            ? same
            : throw new InvalidOperationException(connector is null
                ? $"Pipeline '{pipeline}': {field} '{name}' is not a registered connector. Register the connector under that name."
                : $"Pipeline '{pipeline}': {field} '{name}' ({connector.System}) is not an {typeof(T).Name}: {connector.System} cannot do what this pipeline needs of it.");
    }

    private static T? OptionalConnector<T>(IServiceProvider sp, string? name, string fallback)
        where T : class =>
        string.Equals(name, "none", StringComparison.OrdinalIgnoreCase) ? null : sp.GetKeyedService<T>(string.IsNullOrEmpty(name) ? fallback : name);

    private static ISyncPipeline CreateOrderSync(IServiceProvider sp, string name, OrderSyncOptions o)
    {
        var source = Connector<IOrderSource>(sp, name, "Source", o.Source);
        var target = Connector<IOrderTarget>(sp, name, "Target", o.Target);
        var (pairs, mapper) = StatusPairsOf(sp, name, "Source", o.Source, writesBack: false);
        if (target is not IOrderCanceller && !o.CancelByHand && pairs.Codes.TryGetValue(nameof(CanonicalOrderStatus.Cancelled), out var cancel) && cancel is { Count: > 0 })
        {
            throw new InvalidOperationException(
                $"Pipeline '{name}': the status pairs of '{o.Source}' map Cancelled to [{string.Join(", ", cancel)}], but Target '{o.Target}' ({target.System}) is not an {nameof(IOrderCanceller)}: it cannot cancel orders. " +
                "Set CancelByHand to true to have every cancellation of a sent order reported for a person to cancel in the target, or remove Cancelled from the codes.");
        }

        return new OrderSyncPipeline(
            name,
            source,
            target,
            OptionalConnector<IProductCatalog>(sp, o.TargetCatalog, o.Target),
            mapper,
            sp.GetRequiredService<ISyncStateStore>(),
            o,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<OrderSyncPipeline>>())
        {
            Inbox = o.Source,
        };
    }

    private static ISyncPipeline CreateAccountingSync(IServiceProvider sp, string name, AccountingSyncOptions o) => new AccountingSyncPipeline(
        name,
        Connector<IOrderSource>(sp, name, "Source", o.Source),
        Capability<IAccountingTarget>(sp, name, "Target", o.Target),
        string.IsNullOrWhiteSpace(o.CostSource) ? null : Capability<IShippingCostSource>(sp, name, "CostSource", o.CostSource),
        StatusPairsOf(sp, name, "Source", o.Source, writesBack: false).Mapper,
        sp.GetRequiredService<ISyncStateStore>(),
        o,
        sp.GetService<TimeProvider>(),
        sp.GetService<ILogger<AccountingSyncPipeline>>());

    private static ISyncPipeline CreateStatusSync(IServiceProvider sp, string name, StatusSyncOptions o)
    {
        var orders = sp.GetKeyedService<ISyncPipeline>(o.OrderPipeline) as OrderSyncPipeline
            ?? throw new InvalidOperationException($"Pipeline '{name}': OrderPipeline '{o.OrderPipeline}' is not a registered order sync pipeline.");

        var (_, mapper) = StatusPairsOf(sp, name, "Shop", o.Shop, writesBack: true);

        return new StatusSyncPipeline(
            name,
            orders.Scope,
            Capability<IFulfilmentSource>(sp, name, "Target", o.Target),
            Connector<IOrderStatusTarget>(sp, name, "Shop", o.Shop),
            mapper,
            sp.GetRequiredService<ISyncStateStore>(),
            o,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<StatusSyncPipeline>>());
    }

    private static ISyncPipeline CreateFulfilmentUpdates(IServiceProvider sp, string name, FulfilmentUpdatesOptions o) => new FulfilmentUpdatesPipeline(
        name,
        o.Shop,
        Connector<IOrderStatusTarget>(sp, name, "Shop", o.Shop),
        StatusPairsOf(sp, name, "Shop", o.Shop, writesBack: true).Mapper,
        sp.GetRequiredService<ISyncStateStore>(),
        o,
        sp.GetService<TimeProvider>(),
        sp.GetService<ILogger<FulfilmentUpdatesPipeline>>());

    private static ISyncPipeline CreateStockSync(IServiceProvider sp, string name, StockSyncOptions o) => new StockSyncPipeline(
        name,
        Connector<IStockSource>(sp, name, "Source", o.Source),
        string.IsNullOrEmpty(o.SourceCatalog) ? null : Connector<IProductCatalog>(sp, name, "SourceCatalog", o.SourceCatalog),
        [.. o.Targets.Select(t => new StockDestination(
            Connector<IStockTarget>(sp, name, "Targets", t),
            o.TargetCatalogs.TryGetValue(t, out var c) && !string.IsNullOrEmpty(c) && !string.Equals(c, "none", StringComparison.OrdinalIgnoreCase)
                ? Connector<IProductCatalog>(sp, name, "TargetCatalogs", c)
                : null))],
        sp.GetRequiredService<ISyncStateStore>(),
        o,
        sp.GetService<TimeProvider>(),
        sp.GetService<ILogger<StockSyncPipeline>>());

    private static ISyncPipeline CreateProductSync(IServiceProvider sp, string name, ProductSyncOptions o) => new ProductSyncPipeline(
        name,
        Connector<IProductCatalog>(sp, name, "Master", o.Master),
        Connector<IProductCatalog>(sp, name, "Target", o.Target),
        sp.GetRequiredService<ISyncStateStore>(),
        o,
        sp.GetService<TimeProvider>(),
        sp.GetService<ILogger<ProductSyncPipeline>>());

    private static IEnumerable<string> Common(PipelineOptions o)
    {
        if (o.Interval <= TimeSpan.Zero)
        {
            yield return $"Interval must be positive, but was '{o.Interval}'.";
        }

        if (o.Jitter < TimeSpan.Zero)
        {
            yield return $"Jitter must not be negative, but was '{o.Jitter}'.";
        }
    }

    private static IEnumerable<string> Required(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? [$"{field} must name a registered connector, but was '{value}'."] : [];

    private static IEnumerable<string> ValidateOrderSync(OrderSyncOptions o) =>
        Common(o).Concat(Required("Source", o.Source)).Concat(Required("Target", o.Target))
            .Concat(o.LedgerBatchSize < 1 ? [$"LedgerBatchSize must be at least 1, but was '{o.LedgerBatchSize}'."] : [])
            .Concat(o.Overlap < TimeSpan.Zero ? [$"Overlap must not be negative, but was '{o.Overlap}'."] : [])
            .Concat(o.SafetyLag < TimeSpan.Zero ? [$"SafetyLag must not be negative (a checkpoint in the future would skip orders), but was '{o.SafetyLag}'."] : [])
            .Concat(o.InitialLookback <= TimeSpan.Zero ? [$"InitialLookback must be positive, but was '{o.InitialLookback}'."] : [])
            .Concat(o.SweepEvery < TimeSpan.Zero ? [$"SweepEvery must not be negative (zero turns sweeps off), but was '{o.SweepEvery}'."] : [])
            .Concat(Defined("UnmatchedLines", o.UnmatchedLines)).Concat(Defined("LineMatching", o.LineMatching));

    private static IEnumerable<string> ValidateStatusSync(StatusSyncOptions o) =>
        Common(o).Concat(Required("Target", o.Target)).Concat(Required("Shop", o.Shop))
            .Concat(string.IsNullOrWhiteSpace(o.OrderPipeline) ? [$"OrderPipeline must name an order sync pipeline, but was '{o.OrderPipeline}'."] : [])
            .Concat(o.Overlap < TimeSpan.Zero ? [$"Overlap must not be negative, but was '{o.Overlap}'."] : [])
            .Concat(o.InitialLookback <= TimeSpan.Zero ? [$"InitialLookback must be positive, but was '{o.InitialLookback}'."] : [])
            .Concat(o.BatchSize < 1 ? [$"BatchSize must be at least 1, but was '{o.BatchSize}'."] : []);

    private static IEnumerable<string> ValidateAccountingSync(AccountingSyncOptions o) =>
        Common(o).Concat(Required("Source", o.Source)).Concat(Required("Target", o.Target)).Concat(Defined("Correction", o.Correction))
            .Concat(o.Lookback <= TimeSpan.Zero ? [$"Lookback must be positive (seed 001: 30 days), but was '{o.Lookback}'."] : [])
            .Concat(o.WaitForShippingCost < TimeSpan.Zero ? [$"WaitForShippingCost must not be negative, but was '{o.WaitForShippingCost}'."] : [])
            .Concat(o.Overlap < TimeSpan.Zero ? [$"Overlap must not be negative, but was '{o.Overlap}'."] : [])
            .Concat(o.RoundingTolerance < 0 ? [$"RoundingTolerance must not be negative, but was '{o.RoundingTolerance}'."] : []);

    private static IEnumerable<string> ValidateFulfilmentUpdates(FulfilmentUpdatesOptions o) =>
        Common(o).Concat(Required("Shop", o.Shop)).Concat(o.BatchSize < 1 ? [$"BatchSize must be at least 1, but was '{o.BatchSize}'."] : []);

    private static IEnumerable<string> ValidateStockSync(StockSyncOptions o) =>
        Common(o).Concat(Required("Source", o.Source))
            .Concat(o.Targets.Count == 0 ? ["Targets must name at least one stock target."] : [])
            .Concat(Defined("Rounding", o.Rounding)).Concat(Defined("Rules:Normalization", o.Rules.Normalization))
            .Concat(o.FullReconcileEvery <= TimeSpan.Zero ? [$"FullReconcileEvery must be positive, but was '{o.FullReconcileEvery}'."] : []);

    private static IEnumerable<string> ValidateProductSync(ProductSyncOptions o) =>
        Common(o).Concat(Required("Master", o.Master)).Concat(Required("Target", o.Target)).Concat(Defined("Normalization", o.Normalization)).Concat(Defined("Mode", o.Mode));

    // Configuration binds any number into an enum ("UnmatchedLines": 7); an undefined value would behave like some other one.
    private static IEnumerable<string> Defined<TEnum>(string field, TEnum value)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? [] : [$"{field} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}, but was '{value}'."];

    private sealed class NamedValidator<TOptions>(string pipeline, string where, Func<TOptions, IEnumerable<string>> validate) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            if (name != pipeline)
            {
                return ValidateOptionsResult.Skip;
            }

            var errors = validate(options).Select(e => $"{where}: {e}").ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
