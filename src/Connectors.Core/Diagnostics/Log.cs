using Microsoft.Extensions.Logging;

namespace Connectors.Diagnostics;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Pipeline {Pipeline} ({Kind}) starting{DryRun}")]
    public static partial void RunStarting(ILogger logger, string pipeline, string kind, string dryRun);

    [LoggerMessage(2, LogLevel.Information, "Pipeline {Pipeline} finished: {Summary}")]
    public static partial void RunFinished(ILogger logger, string pipeline, string summary);

    [LoggerMessage(3, LogLevel.Error, "Pipeline {Pipeline} failed: {Error}")]
    public static partial void RunFailed(ILogger logger, string pipeline, string error);

    [LoggerMessage(4, LogLevel.Warning, "Pipeline {Pipeline}: order {OrderId} held: {Reason}")]
    public static partial void OrderHeld(ILogger logger, string pipeline, string orderId, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Pipeline {Pipeline}: item {Key} failed: {Reason}")]
    public static partial void ItemFailed(ILogger logger, string pipeline, string key, string reason);

    [LoggerMessage(6, LogLevel.Debug, "Pipeline {Pipeline}: window {From} .. {To}")]
    public static partial void Window(ILogger logger, string pipeline, string from, string to);

    [LoggerMessage(7, LogLevel.Warning, "Pipeline {Pipeline} not run: another run holds its lease")]
    public static partial void LeaseBusy(ILogger logger, string pipeline);

    [LoggerMessage(10, LogLevel.Error, "Pipeline {Pipeline} lost its lease to another run; this run stops writing")]
    public static partial void LeaseLost(ILogger logger, string pipeline);

    [LoggerMessage(11, LogLevel.Warning, "Pipeline {Pipeline} could not renew its lease: {Reason}")]
    public static partial void LeaseRenewFailed(ILogger logger, string pipeline, string reason);

    [LoggerMessage(12, LogLevel.Warning, "Pipeline {Pipeline}: the run holding its lease ({Owner}) is gone; taking the lease over")]
    public static partial void LeaseTakenOver(ILogger logger, string pipeline, string owner);

    [LoggerMessage(8, LogLevel.Error, "Scheduled run of {Pipeline} threw")]
    public static partial void ScheduledRunThrew(ILogger logger, string pipeline, Exception exception);
}
