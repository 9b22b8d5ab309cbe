using Connectors.Matching;

namespace Connectors.Sync;

/// <summary>Product sync master -> other side.</summary>
public sealed class ProductSyncOptions : PipelineOptions
{
    /// <summary>Connector name of the master catalog.</summary>
    public string Master { get; set; } = "";

    /// <summary>Connector name of the catalog products are created in.</summary>
    public string Target { get; set; } = "";

    /// <summary>How codes are compared. Default trimmed.</summary>
    public CodeNormalization Normalization { get; set; } = CodeNormalization.Trimmed;

    /// <summary>Products with no gross price above zero are not created.</summary>
    public bool RequirePositiveGrossPrice { get; set; } = true;

    /// <summary>Create only (default), or also update products the target has to the master's values.</summary>
    public ProductSyncMode Mode { get; set; } = ProductSyncMode.CreateOnly;
}
