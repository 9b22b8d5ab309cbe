namespace Connectors.Samples;

/// <summary>The sample's own switches; everything else goes to the host's configuration.</summary>
public sealed record CommandLine(bool Once, bool DryRun, string? ReportPath, string[] HostArgs, bool ImportProducts = false)
{
    public static CommandLine Parse(string[] args)
    {
        var once = false;
        var dryRun = false;
        var importProducts = false;
        string? report = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--once":
                    once = true;
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--import-products":
                    importProducts = true;
                    break;
                case "--report" when i + 1 < args.Length:
                    report = args[++i];
                    break;
                case "--report":
                    throw new ArgumentException("--report needs a file path, e.g. --report report.json");
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return new CommandLine(once, dryRun, report, [.. rest], importProducts);
    }
}
