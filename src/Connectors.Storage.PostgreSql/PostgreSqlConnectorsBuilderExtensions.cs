using Connectors.Hosting;
using Connectors.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Connectors.Storage.PostgreSql;

/// <summary>Registers the PostgreSQL state store.</summary>
public static class PostgreSqlConnectorsBuilderExtensions
{
    /// <summary>Keeps sync state in PostgreSQL (tables in <paramref name="schemaName"/>, created on first use).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">Npgsql connection string; never logged.</param>
    /// <param name="schemaName">Schema for the tables.</param>
    public static ConnectorsBuilder UsePostgreSqlState(this ConnectorsBuilder builder, string connectionString, string schemaName = "connectors")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.TryAddKeyedSingleton("connectors-state", (_, _) => NpgsqlDataSource.Create(connectionString));
        builder.Services.Replace(ServiceDescriptor.Singleton<ISyncStateStore>(sp =>
            new PostgreSqlSyncStateStore(sp.GetRequiredKeyedService<NpgsqlDataSource>("connectors-state"), schemaName)));
        return builder;
    }
}
