using System.Text.Json;
using System.Text.Json.Serialization;
using Connectors.Sync;

namespace Connectors.Samples;

/// <summary>
/// The <c>--report</c> file: every pipeline's report, times as ISO-8601 text, outcomes in the same words the console
/// prints ("created", "would cancel", "need a look"), and every order still held with the time it was held.
/// </summary>
public static class ReportJson
{
    public static string Serialize(IReadOnlyList<SyncReport> reports) =>
        JsonSerializer.Serialize(reports.Select(ToDto).ToList(), ReportJsonContext.Default.ListReportDto);

    private static ReportDto ToDto(SyncReport r) => new(
        r.Pipeline, r.Kind, r.DryRun, r.StartedAt.ToString(), r.CompletedAt.ToString(), r.WindowFrom?.ToString(), r.WindowTo?.ToString(),
        r.CheckpointBefore?.ToString(), r.CheckpointAfter?.ToString(), r.Error, r.Note, r.NotRunBecause, PipelineBase.Summarize(r),
        [.. r.Items.Select(i => new ItemDto(i.Key, OutcomeWords.Describe(i.Outcome, i.Action), i.Action, i.Reason, i.TargetId))],
        [.. r.StillHeld.Select(h => new HeldDto(h.Key, h.Since.ToString(), h.Reason))]);
}

public sealed record ItemDto(string Key, string Outcome, string Action, string Reason, string? TargetId);

public sealed record HeldDto(string Key, string Since, string Reason);

public sealed record ReportDto(
    string Pipeline, string Kind, bool DryRun, string StartedAt, string CompletedAt, string? WindowFrom, string? WindowTo,
    string? CheckpointBefore, string? CheckpointAfter, string? Error, string? Note, string? NotRunBecause, string Summary, List<ItemDto> Items, List<HeldDto> StillHeld);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<ReportDto>))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
