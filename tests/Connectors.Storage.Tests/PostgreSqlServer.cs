using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Connectors.Storage.Tests;

/// <summary>
/// A throw-away PostgreSQL cluster started from the installed binaries (initdb + pg_ctl on a free loopback port) and
/// removed afterwards. As root (CI), the server runs as the <c>postgres</c> user, since initdb refuses root.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private string _dir = "";
    private string _bin = "";

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault() ?? ""
            : "";
        if (_bin.Length == 0)
        {
            throw new InvalidOperationException("PostgreSQL binaries not found under /usr/lib/postgresql/*/bin; install them (apt-get install -y postgresql). .ci/run does this.");
        }

        _dir = Directory.CreateTempSubdirectory("connectors-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", $"postgres {_dir}", asPostgres: false);
        }

        var port = FreePort();
        await RunAsync(Path.Combine(_bin, "initdb"), $"-D {_dir}/data -A trust -U postgres --no-sync", asRoot);
        await RunAsync(Path.Combine(_bin, "pg_ctl"), $"-D {_dir}/data -l {_dir}/log -w -t 60 start -o \"-p {port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\"", asRoot);
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true";
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        if (_dir.Length > 0)
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), $"-D {_dir}/data -m immediate -w stop", Environment.UserName == "root");
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string args, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {args}")
            : new ProcessStartInfo(file, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>;
