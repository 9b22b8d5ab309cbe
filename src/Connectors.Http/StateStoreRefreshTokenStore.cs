using Connectors.State;
using NodaTime;

namespace Connectors.Http;

/// <summary>
/// Rotating refresh tokens kept in the state store, for hosts that share work (a Quartz cluster on PostgreSQL): whichever
/// host refreshes, the others read the new token instead of presenting the one it replaced. The store then holds a secret
/// and must be protected as the credentials are. Register it as the <see cref="IRefreshTokenStore"/> of such hosts.
/// </summary>
/// <param name="store">The shared state store.</param>
public sealed class StateStoreRefreshTokenStore(ISyncStateStore store) : IRefreshTokenStore
{
    /// <inheritdoc />
    public Task<string?> GetAsync(string connector, CancellationToken cancellationToken = default) =>
        store.GetValueAsync(Key(connector), Instant.MinValue, cancellationToken);

    /// <inheritdoc />
    public Task SetAsync(string connector, string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        return store.SetValueAsync(Key(connector), refreshToken, null, cancellationToken);
    }

    private static string Key(string connector) => $"refresh-token:{connector}";
}
