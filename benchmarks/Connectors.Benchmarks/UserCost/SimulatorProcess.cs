using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Connectors.Testing;

namespace Connectors.Benchmarks.UserCost;

/// <summary>
/// The Web Shop Manager (Custom Store) and ShipStation simulators in a process of their own, so the benchmark process's
/// working set is the pipeline's alone (the simulators keep every order they serve or receive). The child prints the
/// connector settings as one JSON line, answers "stats" with the calls each simulator received, and ends with stdin.
/// </summary>
public sealed class SimulatorProcess : IDisposable
{
    private readonly Process _child;

    private SimulatorProcess(Process child, Dictionary<string, string?> settings)
    {
        _child = child;
        Settings = settings;
    }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public static SimulatorProcess Start(int orders)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(SimulatorProcess).Assembly.Location, "serve-wsm-shipstation", orders.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var child = Process.Start(start)!;
        var line = child.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The simulator process ended before it was ready.");
        return new SimulatorProcess(child, JsonSerializer.Deserialize<Dictionary<string, string?>>(line)!);
    }

    /// <summary>Calls received by the Custom Store and by ShipStation, and orders ShipStation holds.</summary>
    public (int Wsm, int ShipStation, int Orders) Stats()
    {
        _child.StandardInput.WriteLine("stats");
        var parts = _child.StandardOutput.ReadLine()!.Split(' ').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return (parts[0], parts[1], parts[2]);
    }

    public void Dispose()
    {
        _child.StandardInput.Close();
        if (!_child.WaitForExit(10_000))
        {
            _child.Kill();
        }

        _child.Dispose();
    }

    /// <summary>The child's side: seeds <paramref name="orders"/> paid orders, two minutes old, 1,000 to an export page.</summary>
    public static async Task ServeAsync(int orders)
    {
        using var wsm = CustomStoreSimulator.Start();
        using var shipStation = ShipStationSimulator.Start();
        // 1,000 orders an export page (the store decides its page size): the simulator sorts every order for every page,
        // and at 100 a page it, not the pipeline, would be what a 100,000-order run measures.
        wsm.PageSize = 1000;
        // ShipStation's 40 calls a minute (announced in X-Rate-Limit-* headers, which the connector paces by) would make
        // this a measure of ShipStation's pace: 100,000 orders = 1,000 createorders = 25 minutes. Raised to the connector's
        // ceiling so the engine is measured; RESULTS.md gives the time at ShipStation's real limit beside it.
        shipStation.CallsPerMinute = 1000;
        var at = DateTimeOffset.UtcNow.AddMinutes(-2);
        for (var i = 0; i < orders; i++)
        {
            wsm.AddOrder(new CustomStoreSimOrder
            {
                OrderId = (1_000_000 + i).ToString(CultureInfo.InvariantCulture), OrderNumber = $"WSM-{i:D7}", OrderStatus = "paid", OrderDate = at, LastModified = at,
                OrderTotal = 24.50m, CustomerCode = "sam@example.com", BillToName = "Sam Roe", Email = "sam@example.com",
                ShipTo = ("Sam Roe", "1 Main St", null, "Austin", "TX", "78701", "US"),
                Items = [new("OIL-5W30", "Engine oil 5W-30", 1, 24.50m, Weight: 5, WeightUnits: "Pounds")],
            });
        }

        var settings = new Dictionary<string, string?>
        {
            ["Connectors:CustomStore:Url"] = wsm.Url,
            ["Connectors:CustomStore:Username"] = wsm.Username,
            ["Connectors:CustomStore:Password"] = wsm.Password,
            ["Connectors:CustomStore:AllowInsecureHttp"] = "true",
            ["Connectors:ShipStation:BaseUrl"] = shipStation.BaseUrl,
            ["Connectors:ShipStation:ApiKey"] = shipStation.ApiKey,
            ["Connectors:ShipStation:ApiSecret"] = shipStation.ApiSecret,
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(settings));
        Console.Out.Flush();
        while (await Console.In.ReadLineAsync() is { } command)
        {
            if (command == "stats")
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{wsm.Requests.Count} {shipStation.Requests.Count} {shipStation.Orders.Count}"));
                Console.Out.Flush();
            }
        }
    }
}
