namespace Connectors.Abstractions;

/// <summary>How one item of a write went.</summary>
public enum WriteStatus
{
    /// <summary>Written.</summary>
    Succeeded,

    /// <summary>The platform refused the item; <see cref="ItemResult.Reason"/> says why.</summary>
    Failed,

    /// <summary>Not written on purpose (nothing to do, or not allowed).</summary>
    Skipped,
}
