namespace Connectors.Sync;

/// <summary>What to do with an order changed, refunded or cancelled after its sale was posted.</summary>
public enum AccountingCorrection
{
    /// <summary>Report it for the bookkeeper; post nothing (the default).</summary>
    Report,

    /// <summary>A cancelled or fully refunded order's document is reversed (voided or credited); other changes are reported.</summary>
    Reverse,
}

/// <summary>Settings of an accounting sync (orders posted as sales documents, seed 001).</summary>
public sealed class AccountingSyncOptions : PipelineOptions
{
    /// <summary>The order source (a shop, or ShipStation in mode 1).</summary>
    public string Source { get; set; } = "";

    /// <summary>The accounting target (QuickBooks, Xero).</summary>
    public string Target { get; set; } = "";

    /// <summary>Mode 2: the shipping system whose label costs are matched to the orders by number (ShipStation); empty = none.</summary>
    public string? CostSource { get; set; }

    /// <summary>How far back orders are posted (seed 001: the last 30 days). Orders placed before are never posted.</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Mode 2: how long an order waits for its shipping cost before it is posted without it (and says so). Default 3 days.</summary>
    public TimeSpan WaitForShippingCost { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long before the checkpoint changed orders are read again. Default 10 minutes.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>What a change after posting does. Default <see cref="AccountingCorrection.Report"/>.</summary>
    public AccountingCorrection Correction { get; set; } = AccountingCorrection.Report;

    /// <summary>Post a difference of at most <see cref="RoundingTolerance"/> between the lines and the source's total as a rounding line (the target's rounding account). Default false: such an order is held.</summary>
    public bool PostRoundingDifference { get; set; }

    /// <summary>The largest difference a rounding line may carry. Default 0.05.</summary>
    public decimal RoundingTolerance { get; set; } = 0.05m;
}
