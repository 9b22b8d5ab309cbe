namespace Connectors.Sync;

/// <summary>Pushed fulfilment updates -> shop (orders that did not come through an order pipeline).</summary>
public sealed class FulfilmentUpdatesOptions : PipelineOptions
{
    /// <summary>Connector name of the shop's <see cref="Abstractions.IOrderStatusTarget"/>; its inbox is drained.</summary>
    public string Shop { get; set; } = "";

    /// <summary>Updates per write call. Default 100.</summary>
    public int BatchSize { get; set; } = 100;
}
