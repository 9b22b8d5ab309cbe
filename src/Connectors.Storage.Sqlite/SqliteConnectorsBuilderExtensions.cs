using Connectors.Hosting;
using Connectors.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Storage.Sqlite;

/// <summary>Registers the SQLite state store.</summary>
public static class SqliteConnectorsBuilderExtensions
{
    /// <summary>Keeps sync state in the SQLite file at <paramref name="path"/>, created on first use.</summary>
    public static ConnectorsBuilder UseSqliteState(this ConnectorsBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        builder.Services.Replace(ServiceDescriptor.Singleton<ISyncStateStore>(new SqliteSyncStateStore(path)));
        return builder;
    }
}
