using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Connectors.Sync;

namespace Connectors.CommandLine;

/// <summary>
/// The <c>--report</c> file, schema <see cref="Schema"/> (documented in the package README): UTF-8 written as is
/// ("NAPTÁR-2027", not "\u00C1"), a top-level summary per pipeline, an attention list with everything a person must act
/// on, the exit code, and every pipeline's full report with outcomes in the words the console prints.
/// </summary>
public static class RunReportJson
{
    /// <summary>The schema name and version; a change that removes or renames a field bumps the version.</summary>
    public const string Schema = "connectors-run-report/1";

    private static readonly JsonSerializerOptions Options = new(RunReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report of one pass as JSON.</summary>
    public static string Serialize(IReadOnlyList<SyncReport> reports, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var document = new RunReportDto(
            Schema,
            exitCode,
            reports.Any(r => r.DryRun),
            [.. reports.Select(r => new PipelineSummaryDto(r.Pipeline, r.Kind, PipelineBase.Summarize(r), r.Error is null && r.NotRunBecause is null))],
            [.. reports.SelectMany(AttentionItems)],
            [.. reports.Select(ToDto)]);
        return JsonSerializer.Serialize(document, Options.GetTypeInfo(typeof(RunReportDto)));
    }

    private static IEnumerable<AttentionDto> AttentionItems(SyncReport r)
    {
        if (r.Error is not null)
        {
            yield return new AttentionDto(r.Pipeline, "*", "run failed", r.Error, null);
        }

        if (r.NotRunBecause is not null)
        {
            yield return new AttentionDto(r.Pipeline, "*", "not run", r.NotRunBecause, null);
        }

        foreach (var held in r.StillHeld)
        {
            yield return new AttentionDto(r.Pipeline, held.Key, "held", held.Reason, held.Since.ToString());
        }

        foreach (var i in r.Items.Where(i => Attention.Needs(r, i)))
        {
            yield return new AttentionDto(r.Pipeline, i.Key, OutcomeWords.Describe(i.Outcome, i.Action), i.Reason, null);
        }
    }

    private static ReportDto ToDto(SyncReport r) => new(
        r.Pipeline, r.Kind, r.DryRun, r.StartedAt.ToString(), r.CompletedAt.ToString(), r.WindowFrom?.ToString(), r.WindowTo?.ToString(),
        r.CheckpointBefore?.ToString(), r.CheckpointAfter?.ToString(), r.Error, r.Note, r.NotRunBecause, PipelineBase.Summarize(r),
        [.. r.Items.Select(i => new ItemDto(i.Key, OutcomeWords.Describe(i.Outcome, i.Action), i.Action, i.Reason, i.TargetId))],
        [.. r.StillHeld.Select(h => new HeldDto(h.Key, h.Since.ToString(), h.Reason))]);
}

internal sealed record RunReportDto(string Schema, int ExitCode, bool DryRun, List<PipelineSummaryDto> Summary, List<AttentionDto> Attention, List<ReportDto> Pipelines);

internal sealed record PipelineSummaryDto(string Pipeline, string Kind, string Result, bool Completed);

internal sealed record AttentionDto(string Pipeline, string Key, string What, string Reason, string? Since);

internal sealed record ItemDto(string Key, string Outcome, string Action, string Reason, string? TargetId);

internal sealed record HeldDto(string Key, string Since, string Reason);

internal sealed record ReportDto(
    string Pipeline, string Kind, bool DryRun, string StartedAt, string CompletedAt, string? WindowFrom, string? WindowTo,
    string? CheckpointBefore, string? CheckpointAfter, string? Error, string? Note, string? NotRunBecause, string Summary, List<ItemDto> Items, List<HeldDto> StillHeld);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunReportDto))]
internal sealed partial class RunReportJsonContext : JsonSerializerContext;
