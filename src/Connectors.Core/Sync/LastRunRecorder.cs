using System.Text.Json;
using System.Text.Json.Serialization;
using Connectors.Matching;
using Connectors.State;
using NodaTime;
using NodaTime.Text;

namespace Connectors.Sync;

/// <summary>Keeps each pipeline's <see cref="LastRun"/> in the state store (shared values), as JSON.</summary>
public static class LastRunRecorder
{
    /// <summary>Item outcomes kept per run (and unmatched codes per run); the rest are counted, not listed.</summary>
    public const int MaxItems = 2_000;

    private static readonly SyncOutcome[] Priority =
        [SyncOutcome.Failed, SyncOutcome.Held, SyncOutcome.Reported, SyncOutcome.Written, SyncOutcome.WouldWrite, SyncOutcome.Skipped, SyncOutcome.Unchanged];

    /// <summary>The store key of a pipeline's last run.</summary>
    public static string KeyOf(string pipeline) => $"pipeline:{pipeline}/last-run";

    /// <summary>The last run of <paramref name="pipeline"/>, or null before its first run (or when the store keeps no values).</summary>
    public static async Task<LastRun?> ReadAsync(ISyncStateStore store, string pipeline, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var json = await store.GetValueAsync(KeyOf(pipeline), now, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }

        var dto = JsonSerializer.Deserialize(json, LastRunJsonContext.Default.LastRunDto);
        return dto?.ToLastRun();
    }

    internal static Task SaveAsync(ISyncStateStore store, SyncReport report, string summary, IReadOnlyDictionary<string, MatchReport> matches, CancellationToken cancellationToken)
    {
        var ordered = report.Items.OrderBy(i => Array.IndexOf(Priority, i.Outcome)).Take(MaxItems).ToList();
        var unmatched = matches
            .SelectMany(m => m.Value.Problems.Select(p => new LastRunMatchDto(m.Key, p.Code, p.Kind, p.Reason, [.. p.Failures.Select(f => f.ToString())], p.NearMiss)))
            .Take(MaxItems)
            .ToList();
        var dto = new LastRunDto(
            report.Pipeline,
            report.Kind,
            InstantPattern.ExtendedIso.Format(report.StartedAt),
            InstantPattern.ExtendedIso.Format(report.CompletedAt),
            report.CheckpointAfter is { } cp ? InstantPattern.ExtendedIso.Format(cp) : null,
            report.Error,
            summary,
            report.Counts.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value),
            ordered,
            report.Items.Count - ordered.Count,
            matches.ToDictionary(m => m.Key, m => Enum.GetValues<MatchKind>().ToDictionary(k => k, k => m.Value.Count(k))),
            unmatched);
        return store.SetValueAsync(KeyOf(report.Pipeline), JsonSerializer.Serialize(dto, LastRunJsonContext.Default.LastRunDto), null, cancellationToken);
    }
}

internal sealed record LastRunMatchDto(string Target, string Code, MatchKind Kind, string Reason, List<string> Rules, string? NearMiss);

internal sealed record LastRunDto(
    string Pipeline,
    string Kind,
    string StartedAt,
    string CompletedAt,
    string? CheckpointAfter,
    string? Error,
    string Summary,
    Dictionary<SyncOutcome, int> Counts,
    List<SyncItemOutcome> Items,
    int ItemsLeftOut,
    Dictionary<string, Dictionary<MatchKind, int>> MatchCounts,
    List<LastRunMatchDto> Unmatched)
{
    public LastRun ToLastRun() => new()
    {
        Pipeline = Pipeline,
        Kind = Kind,
        StartedAt = InstantPattern.ExtendedIso.Parse(StartedAt).GetValueOrThrow(),
        CompletedAt = InstantPattern.ExtendedIso.Parse(CompletedAt).GetValueOrThrow(),
        CheckpointAfter = CheckpointAfter is null ? null : InstantPattern.ExtendedIso.Parse(CheckpointAfter).GetValueOrThrow(),
        Error = Error,
        Summary = Summary,
        Counts = Counts,
        Items = Items,
        ItemsLeftOut = ItemsLeftOut,
        MatchCounts = MatchCounts.ToDictionary(m => m.Key, m => (IReadOnlyDictionary<MatchKind, int>)m.Value),
        Unmatched = [.. Unmatched.Select(u => new LastRunMatch(u.Target, u.Code, u.Kind, u.Reason, u.Rules, u.NearMiss))],
    };
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(LastRunDto))]
internal sealed partial class LastRunJsonContext : JsonSerializerContext;
