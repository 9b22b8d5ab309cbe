using System.Text.Json;
using System.Text.Json.Serialization;
using Connectors.Sync;

namespace Connectors.Samples;

/// <summary>The <c>--report</c> file: every pipeline's report, times as ISO-8601 text.</summary>
public static class ReportJson
{
    public static string Serialize(IReadOnlyList<SyncReport> reports) =>
        JsonSerializer.Serialize(reports.Select(ToDto).ToList(), ReportJsonContext.Default.ListReportDto);

    private static ReportDto ToDto(SyncReport r) => new(
        r.Pipeline, r.Kind, r.DryRun, r.StartedAt.ToString(), r.CompletedAt.ToString(), r.WindowFrom?.ToString(), r.WindowTo?.ToString(),
        r.CheckpointBefore?.ToString(), r.CheckpointAfter?.ToString(), r.Error, r.Note,
        r.Counts.Where(c => c.Value > 0).ToDictionary(c => c.Key.ToString(), c => c.Value),
        [.. r.Items.Select(i => new ItemDto(i.Key, i.Outcome.ToString(), i.Action, i.Reason, i.TargetId))]);
}

public sealed record ItemDto(string Key, string Outcome, string Action, string Reason, string? TargetId);

public sealed record ReportDto(
    string Pipeline, string Kind, bool DryRun, string StartedAt, string CompletedAt, string? WindowFrom, string? WindowTo,
    string? CheckpointBefore, string? CheckpointAfter, string? Error, string? Note, Dictionary<string, int> Counts, List<ItemDto> Items);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<ReportDto>))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
