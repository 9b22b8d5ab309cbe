namespace Connectors.Sync;

/// <summary>Status back-sync target -> shop.</summary>
public sealed class StatusSyncOptions : PipelineOptions
{
    /// <summary>Name of the order pipeline whose ledger links target orders to shop orders.</summary>
    public string OrderPipeline { get; set; } = "";

    /// <summary>Connector name of the <see cref="Abstractions.IFulfilmentSource"/> read for fulfilment state (a connector without it is a start-up error).</summary>
    public string Target { get; set; } = "";

    /// <summary>Connector name of the shop's <see cref="Abstractions.IOrderStatusTarget"/>.</summary>
    public string Shop { get; set; } = "";

    /// <summary>Re-read overlap. Default 10 minutes.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How far back the first run reads. Default 30 days.</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Updates per write call. Default 100.</summary>
    public int BatchSize { get; set; } = 100;
}
