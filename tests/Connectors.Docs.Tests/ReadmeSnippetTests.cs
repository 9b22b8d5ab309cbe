using System.Text.RegularExpressions;
using Connectors.Docs.Tests.Snippets;
using Connectors.Testing;

namespace Connectors.Docs.Tests;

/// <summary>
/// Every C# block of every README is compiled: each must appear, line by line and in order, in one of the files under
/// Snippets/ (which this project compiles). The quick start also runs, against the simulators.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var readme in Readmes())
        {
            for (var i = 0; i < CSharpBlocks(File.ReadAllText(readme)).Count; i++)
            {
                data.Add(Path.GetRelativePath(Root, readme), i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Every_csharp_block_of_a_readme_is_compiled_by_a_snippet(string readme, int block)
    {
        var lines = Lines(CSharpBlocks(File.ReadAllText(Path.Combine(Root, readme)))[block]);
        var snippets = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Snippets"), "*.cs").Select(f => Lines(File.ReadAllText(f))).ToList();

        Assert.True(snippets.Any(s => IsSubsequence(lines, s)), $"{readme}, C# block {block + 1}, is not compiled by any file in tests/Connectors.Docs.Tests/Snippets: copy it there, line for line.");
    }

    [Fact]
    public async Task The_quick_start_runs_against_the_simulators()
    {
        using var unas = UnasSimulator.Start();
        using var webshippy = WebshippySimulator.Start();
        UnasToWebshippyDemo.Seed(unas, webshippy);
        var state = Path.Combine(AppContext.BaseDirectory, "connectors.db");
        File.Delete(state);

        var report = await QuickStart.RunAsync(
        [
            $"Connectors:Unas:BaseUrl={unas.BaseUrl}", $"Connectors:Unas:ApiKey={unas.ApiKey}",
            $"Connectors:Webshippy:BaseUrl={webshippy.BaseUrl}", $"Connectors:Webshippy:ApiKey={webshippy.ApiKey}",
            "Connectors:Pipelines:orders:Source=shop", "Connectors:Pipelines:orders:Target=warehouse", "Connectors:Pipelines:orders:Enabled=false",
            "Connectors:StatusPairs:shop:Codes:ReadyToFulfil:0=2", "Connectors:StatusPairs:shop:Codes:Cancelled:0=9",
            $"contentRoot={AppContext.BaseDirectory}",
        ]);

        Assert.Null(report.Error);
        Assert.Contains(report.Items, i => i.Key == "1000-1001" && i.Outcome == Sync.SyncOutcome.WouldWrite);
        Assert.Empty(webshippy.Orders);
    }

    private static IEnumerable<string> Readmes() =>
        new[] { Path.Combine(Root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Root, "src"), "README.md", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(Root, "samples"), "README.md", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static List<string> CSharpBlocks(string markdown) => [.. CSharpBlock().Matches(markdown).Select(m => m.Groups["code"].Value)];

    private static List<string> Lines(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("namespace ", StringComparison.Ordinal))];

    private static bool IsSubsequence(List<string> needle, List<string> haystack)
    {
        var at = 0;
        foreach (var line in haystack)
        {
            if (at < needle.Count && line == needle[at])
            {
                at++;
            }
        }

        return at == needle.Count;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Connectors.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Connectors.sln not found above the test folder.");
    }

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
