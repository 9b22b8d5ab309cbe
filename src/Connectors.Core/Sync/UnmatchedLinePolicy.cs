namespace Connectors.Sync;

/// <summary>What the order pipeline does with a line whose SKU the target does not know. No policy drops a line silently.</summary>
public enum UnmatchedLinePolicy
{
    /// <summary>Hold the whole order, naming the unknown SKUs (default).</summary>
    Hold,

    /// <summary>Send the order without the line; the report and the target order's note say which line was left out.</summary>
    SendWithoutLine,

    /// <summary>Fail the order (counts as a failure in the run).</summary>
    Fail,
}

/// <summary>How fractional quantities become whole numbers for targets that need them.</summary>
public enum RoundingPolicy
{
    /// <summary>Round down: never sell what is not there (default).</summary>
    Down,

    /// <summary>Round to the nearest whole number, halves away from zero.</summary>
    Nearest,

    /// <summary>Round up.</summary>
    Up,
}
