using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// `--quick` runs every benchmark with a short job (a couple of minutes on 2 cores); other arguments go to BenchmarkDotNet.
var quick = args.Contains("--quick");
var rest = args.Where(a => a != "--quick").ToArray();
IConfig config = DefaultConfig.Instance;
if (quick)
{
    config = config.AddJob(Job.ShortRun.WithWarmupCount(1).WithIterationCount(3).WithLaunchCount(1));
    if (rest.Length == 0)
    {
        rest = ["--filter", "*"];
    }
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
