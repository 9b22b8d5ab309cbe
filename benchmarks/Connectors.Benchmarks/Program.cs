using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// `--quick`: every benchmark in-process with a short job (about two minutes on 2 cores); results are indicative.
// Without it, BenchmarkDotNet's default job (separate processes, more iterations) is used. Other arguments go to BenchmarkDotNet.
var quick = args.Contains("--quick");
var rest = args.Where(a => a != "--quick").ToArray();
IConfig config = DefaultConfig.Instance;
if (quick)
{
    config = config.AddJob(Job.Dry
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(3)
        .WithIterationTime(TimeInterval.FromMilliseconds(120))
        .WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Throughput));
    if (rest.Length == 0)
    {
        rest = ["--filter", "*"];
    }
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
