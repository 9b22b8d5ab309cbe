using NodaTime;

namespace Connectors.Abstractions;

/// <summary>Which orders to read: those modified in the half-open window [<see cref="ModifiedFrom"/>, <see cref="ModifiedTo"/>).</summary>
/// <param name="ModifiedFrom">Inclusive start.</param>
/// <param name="ModifiedTo">Exclusive end.</param>
/// <param name="StatusCodes">Platform status codes to read, or null for every status.</param>
public sealed record OrderQuery(Instant ModifiedFrom, Instant ModifiedTo, IReadOnlyCollection<string>? StatusCodes = null)
{
    /// <summary>True when <paramref name="modifiedAt"/> lies inside the window.</summary>
    public bool Contains(Instant modifiedAt) => modifiedAt >= ModifiedFrom && modifiedAt < ModifiedTo;
}
