using System.Text;

namespace Connectors.Http;

/// <summary>
/// Where an OAuth refresh token that rotates (QuickBooks, Xero: every refresh returns a new one and the old one stops
/// working) is kept between runs. Losing the new token means a person must authorise the app again, so the default
/// (<see cref="FileRefreshTokenStore"/>) writes it to disk before it is used; register your own (a key vault) to keep it
/// elsewhere. Tokens are secrets: never logged, never in reports.
/// </summary>
public interface IRefreshTokenStore
{
    /// <summary>The latest refresh token of <paramref name="connector"/>, or null when none was stored yet.</summary>
    Task<string?> GetAsync(string connector, CancellationToken cancellationToken = default);

    /// <summary>Stores a new refresh token of <paramref name="connector"/>, durably, before it is relied on.</summary>
    Task SetAsync(string connector, string refreshToken, CancellationToken cancellationToken = default);
}

/// <summary>
/// Refresh tokens in files (one per connector, readable by the owner only on Unix), written to a temporary file and
/// moved into place so a crash never leaves half a token.
/// </summary>
/// <param name="folder">The folder; created when missing.</param>
public sealed class FileRefreshTokenStore(string folder) : IRefreshTokenStore
{
    /// <inheritdoc />
    public async Task<string?> GetAsync(string connector, CancellationToken cancellationToken = default)
    {
        var path = PathOf(connector);
        return File.Exists(path) ? (await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false)).Trim() : null;
    }

    /// <inheritdoc />
    public async Task SetAsync(string connector, string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        Directory.CreateDirectory(folder);
        var path = PathOf(connector);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, refreshToken, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string connector) =>
        Path.Combine(folder, $"{string.Concat(connector.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'))}.refresh-token");
}

/// <summary>The refresh-token store a connector uses when none is registered.</summary>
public static class RefreshTokenStores
{
    /// <summary>
    /// The registered <see cref="IRefreshTokenStore"/>; else the token file in <paramref name="folder"/>, mirrored in the state
    /// store when there is one. The mirror is what lets hosts sharing a state store (a cluster) refresh in turn: whichever
    /// host rotated the token last, the next one reads the new token there instead of presenting the one it replaced from
    /// its own file.
    /// </summary>
    public static IRefreshTokenStore For(IServiceProvider services, string folder)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService(typeof(IRefreshTokenStore)) is IRefreshTokenStore registered)
        {
            return registered;
        }

        var file = new FileRefreshTokenStore(folder);
        return services.GetService(typeof(Connectors.State.ISyncStateStore)) is Connectors.State.ISyncStateStore store
            ? new MirroredRefreshTokenStore(file, new StateStoreRefreshTokenStore(store))
            : file;
    }

    // Writes both (the file first: a single host's token survives a store it cannot reach); reads the shared copy first.
    private sealed class MirroredRefreshTokenStore(IRefreshTokenStore file, IRefreshTokenStore shared) : IRefreshTokenStore
    {
        public async Task<string?> GetAsync(string connector, CancellationToken cancellationToken = default) =>
            await shared.GetAsync(connector, cancellationToken).ConfigureAwait(false) ?? await file.GetAsync(connector, cancellationToken).ConfigureAwait(false);

        public async Task SetAsync(string connector, string refreshToken, CancellationToken cancellationToken = default)
        {
            await file.SetAsync(connector, refreshToken, cancellationToken).ConfigureAwait(false);
            await shared.SetAsync(connector, refreshToken, cancellationToken).ConfigureAwait(false);
        }
    }
}
