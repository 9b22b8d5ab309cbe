namespace Connectors.Sync;

/// <summary>
/// A platform call failed; the message names the platform and what was asked ("webshippy product list could not be
/// read: Connection refused"), so a run's error never blames the wrong platform or none.
/// </summary>
public sealed class PlatformCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlatformCallException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlatformCallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlatformCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Runs <paramref name="call"/>; a platform failure comes out naming <paramref name="system"/> and <paramref name="what"/>.</summary>
    public static async Task<T> NameAsync<T>(string system, string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not PlatformCallException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            throw new PlatformCallException($"{system} {what}: {ex.Message}", ex);
        }
    }
}
