namespace Connectors.Status;

/// <summary>Maps one platform's status codes to the canonical lifecycle and back.</summary>
public interface IStatusMapper
{
    /// <summary>Maps a platform status code; unknown codes give an unmapped result.</summary>
    StatusMapping Map(string platformCode);

    /// <summary>The platform code to write when an order reaches <paramref name="status"/>, if one is configured.</summary>
    bool TryGetWriteBackCode(CanonicalOrderStatus status, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? code);

    /// <summary>Canonical statuses whose orders are sent to fulfilment.</summary>
    IReadOnlySet<CanonicalOrderStatus> ForwardStatuses { get; }

    /// <summary>Every platform code that maps to <paramref name="status"/>.</summary>
    IReadOnlyList<string> CodesFor(CanonicalOrderStatus status);
}
