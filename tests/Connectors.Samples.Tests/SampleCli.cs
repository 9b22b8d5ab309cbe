using UnasToWebshippy;

namespace Connectors.Samples.Tests;

/// <summary>Runs the UnasToWebshippy command line in-process, as a person would from a shell, capturing what it prints.</summary>
internal static class SampleCli
{
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await UnasToWebshippyApp.MainAsync(args, output);
        return (exit, output.ToString());
    }
}
