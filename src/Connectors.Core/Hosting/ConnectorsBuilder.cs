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

    /// <summary>Runs every enabled pipeline on its interval in a hosted service, with on-demand triggers.</summary>
    public ConnectorsBuilder AddScheduler()
    {
        Services.TryAddSingleton<SyncScheduler>();
        Services.TryAddSingleton<ISyncTrigger>(sp => sp.GetRequiredService<SyncScheduler>());
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
        Services.AddSingleton<IValidateOptions<TOptions>>(sp => new PipelineOptionsValidator<TOptions>(name, where, o => Resolvable(sp, name, o, create, validate)));
        Services.AddKeyedSingleton<ISyncPipeline>(name, (sp, _) => create(sp, name, sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)));
        Services.AddSingleton(new PipelineRegistration(name, kind, sp => sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)));
        return this;
    }

    private static List<string> Resolvable<TOptions>(IServiceProvider sp, string name, TOptions o, Func<IServiceProvider, string, TOptions, ISyncPipeline> create, Func<TOptions, IEnumerable<string>> validate)
    {
        var errors = validate(o).ToList();
        if (o is OrderSyncOptions && sp.GetService<IConfiguration>() is { } root)
        {
            // Status pairs have one place, the order pipeline's section; pairs anywhere else would be silently ignored.
            errors.AddRange(root.GetSection("Connectors").GetChildren()
                .Where(c => !string.Equals(c.Key, "Pipelines", StringComparison.OrdinalIgnoreCase) && c.GetSection("StatusPairs").Exists())
                .Select(c => $"{c.Path}:StatusPairs is not read by any pipeline; status pairs belong in the order pipeline's section (Connectors:Pipelines:{name}:StatusPairs)."));
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

    private static T Connector<T>(IServiceProvider sp, string pipeline, string field, string name)
        where T : class =>
        sp.GetKeyedService<T>(name)
        ?? throw new InvalidOperationException($"Pipeline '{pipeline}': {field} '{name}' is not a registered {typeof(T).Name}. Register the connector under that name.");

    private static T? OptionalConnector<T>(IServiceProvider sp, string? name, string fallback)
        where T : class =>
        string.Equals(name, "none", StringComparison.OrdinalIgnoreCase) ? null : sp.GetKeyedService<T>(string.IsNullOrEmpty(name) ? fallback : name);

    private static ISyncPipeline CreateOrderSync(IServiceProvider sp, string name, OrderSyncOptions o)
    {
        var target = Connector<IOrderTarget>(sp, name, "Target", o.Target);
        if (!target.CanCancel && !o.CancelByHand && o.StatusPairs.Codes.TryGetValue(nameof(CanonicalOrderStatus.Cancelled), out var cancel) && cancel is { Count: > 0 })
        {
            throw new InvalidOperationException(
                $"Pipeline '{name}': StatusPairs:Codes:Cancelled maps [{string.Join(", ", cancel)}], but Target '{o.Target}' ({target.System}) cannot cancel orders. " +
                "Set CancelByHand to true to have every cancellation of a sent order reported for a person to cancel in the target, or remove Cancelled from the codes.");
        }

        return new OrderSyncPipeline(
            name,
            Connector<IOrderSource>(sp, name, "Source", o.Source),
            target,
            OptionalConnector<IProductCatalog>(sp, o.TargetCatalog, o.Target),
            new StatusMapper(o.StatusPairs),
            sp.GetRequiredService<ISyncStateStore>(),
            o,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<OrderSyncPipeline>>());
    }

    private static ISyncPipeline CreateStatusSync(IServiceProvider sp, string name, StatusSyncOptions o)
    {
        var orders = sp.GetKeyedService<ISyncPipeline>(o.OrderPipeline) as OrderSyncPipeline
            ?? throw new InvalidOperationException($"Pipeline '{name}': OrderPipeline '{o.OrderPipeline}' is not a registered order sync pipeline.");

        // Without pairs of its own, the status pipeline writes back with its order pipeline's pairs (one place for them).
        var pairs = HasPairs(o.StatusPairs) ? o.StatusPairs : sp.GetRequiredService<IOptionsMonitor<OrderSyncOptions>>().Get(o.OrderPipeline).StatusPairs;
        if (StatusPairsValidator.CheckForPipeline(pairs, writesBack: true) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException($"Pipeline '{name}': {string.Join(" ", problems)}");
        }

        return new StatusSyncPipeline(
            name,
            orders.Scope,
            Connector<IOrderTarget>(sp, name, "Target", o.Target),
            Connector<IOrderStatusTarget>(sp, name, "Shop", o.Shop),
            new StatusMapper(pairs),
            sp.GetRequiredService<ISyncStateStore>(),
            o,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<StatusSyncPipeline>>());
    }

    private static ISyncPipeline CreateStockSync(IServiceProvider sp, string name, StockSyncOptions o) => new StockSyncPipeline(
        name,
        Connector<IStockSource>(sp, name, "Source", o.Source),
        string.IsNullOrEmpty(o.SourceCatalog) ? null : Connector<IProductCatalog>(sp, name, "SourceCatalog", o.SourceCatalog),
        [.. o.Targets.Select(t => new StockDestination(
            Connector<IStockTarget>(sp, name, "Targets", t),
            o.TargetCatalogs.TryGetValue(t, out var c) ? Connector<IProductCatalog>(sp, name, "TargetCatalogs", c) : null))],
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
            .Concat(PairsOrTheirProblems(o.StatusPairs, writesBack: false))
            .Concat(o.LedgerBatchSize < 1 ? [$"LedgerBatchSize must be at least 1, but was '{o.LedgerBatchSize}'."] : [])
            .Concat(o.Overlap < TimeSpan.Zero ? [$"Overlap must not be negative, but was '{o.Overlap}'."] : [])
            .Concat(o.SafetyLag < TimeSpan.Zero ? [$"SafetyLag must not be negative (a checkpoint in the future would skip orders), but was '{o.SafetyLag}'."] : [])
            .Concat(o.InitialLookback <= TimeSpan.Zero ? [$"InitialLookback must be positive, but was '{o.InitialLookback}'."] : [])
            .Concat(Defined("UnmatchedLines", o.UnmatchedLines)).Concat(Defined("LineMatching", o.LineMatching));

    private static IEnumerable<string> ValidateStatusSync(StatusSyncOptions o) =>
        Common(o).Concat(Required("Target", o.Target)).Concat(Required("Shop", o.Shop))
            .Concat(string.IsNullOrWhiteSpace(o.OrderPipeline) ? [$"OrderPipeline must name an order sync pipeline, but was '{o.OrderPipeline}'."] : [])
            .Concat(HasPairs(o.StatusPairs) ? PairsOrTheirProblems(o.StatusPairs, writesBack: true) : [])
            .Concat(o.Overlap < TimeSpan.Zero ? [$"Overlap must not be negative, but was '{o.Overlap}'."] : [])
            .Concat(o.InitialLookback <= TimeSpan.Zero ? [$"InitialLookback must be positive, but was '{o.InitialLookback}'."] : [])
            .Concat(o.BatchSize < 1 ? [$"BatchSize must be at least 1, but was '{o.BatchSize}'."] : []);

    private static IEnumerable<string> ValidateStockSync(StockSyncOptions o) =>
        Common(o).Concat(Required("Source", o.Source))
            .Concat(o.Targets.Count == 0 ? ["Targets must name at least one stock target."] : [])
            .Concat(Defined("Rounding", o.Rounding)).Concat(Defined("Rules:Normalization", o.Rules.Normalization))
            .Concat(o.FullReconcileEvery <= TimeSpan.Zero ? [$"FullReconcileEvery must be positive, but was '{o.FullReconcileEvery}'."] : []);

    private static IEnumerable<string> ValidateProductSync(ProductSyncOptions o) =>
        Common(o).Concat(Required("Master", o.Master)).Concat(Required("Target", o.Target)).Concat(Defined("Normalization", o.Normalization));

    private static bool HasPairs(StatusPairsOptions pairs) => pairs.Codes.Count > 0 || pairs.WriteBack.Count > 0 || pairs.Forward.Count > 0;

    private static List<string> PairsOrTheirProblems(StatusPairsOptions pairs, bool writesBack)
    {
        var errors = StatusPairsValidator.Check(pairs);
        return errors.Count > 0 ? errors : StatusPairsValidator.CheckForPipeline(pairs, writesBack);
    }

    // Configuration binds any number into an enum ("UnmatchedLines": 7); an undefined value would behave like some other one.
    private static IEnumerable<string> Defined<TEnum>(string field, TEnum value)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? [] : [$"{field} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}, but was '{value}'."];

    private sealed class PipelineOptionsValidator<TOptions>(string pipeline, string where, Func<TOptions, IEnumerable<string>> validate) : IValidateOptions<TOptions>
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
