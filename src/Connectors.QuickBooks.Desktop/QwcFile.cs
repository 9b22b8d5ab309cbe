using System.Globalization;
using System.Xml.Linq;
using Connectors.Http;

namespace Connectors.QuickBooks.Desktop;

/// <summary>
/// The <c>.qwc</c> file the merchant opens in the QuickBooks Web Connector to register this endpoint for a company file:
/// <c>QBWCXML</c> with AppName, AppURL, AppSupport, UserName, OwnerID, FileID, QBType and the scheduler. OwnerID and
/// FileID are derived from the app name and the connector id unless set, so a file issued again is the same registration.
/// </summary>
public static class QwcFile
{
    /// <summary>The file's XML for <paramref name="options"/> of connector <paramref name="connectorId"/>.</summary>
    public static string Write(QuickBooksDesktopOptions options, string connectorId)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectorId);
        if (options.AppUrl is not { } url || AppUrlProblem(url) is { } problem)
        {
            throw new InvalidOperationException($"Connectors:QuickBooksDesktop:AppUrl must be the public address of the Web Connector endpoint for a .qwc file{(options.AppUrl is null ? ", but it is empty" : $": '{options.AppUrl}' {AppUrlProblem(options.AppUrl)}")}.");
        }

        var owner = options.OwnerId ?? NameBasedGuid.Create($"connectors/qbwc/owner/{options.AppName}");
        var file = options.FileId ?? NameBasedGuid.Create($"connectors/qbwc/file/{connectorId}");
        var support = options.SupportUrl ?? new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("QBWCXML",
                new XElement("AppName", options.AppName),
                new XElement("AppID", ""),
                new XElement("AppURL", url.AbsoluteUri),
                new XElement("AppDescription", "Posts orders, fees and shipping costs to QuickBooks Desktop (Connectors SDK)."),
                new XElement("AppSupport", support.AbsoluteUri),
                new XElement("UserName", options.UserName),
                new XElement("OwnerID", owner.ToString("B").ToUpperInvariant()),
                new XElement("FileID", file.ToString("B").ToUpperInvariant()),
                new XElement("QBType", "QBFS"),
                new XElement("Scheduler", new XElement("RunEveryNMinutes", options.PollMinutes.ToString(CultureInfo.InvariantCulture))),
                new XElement("IsReadOnly", "false")));
        return document.Declaration + Environment.NewLine + document.Root!.ToString() + Environment.NewLine;
    }

    // The Web Connector talks to https only, except to this machine.
    internal static string? AppUrlProblem(Uri url) =>
        !url.IsAbsoluteUri ? "is not an absolute URL"
        : url.Scheme == Uri.UriSchemeHttps ? null
        : url.Scheme == Uri.UriSchemeHttp && url.IsLoopback ? null
        : "must be https (the Web Connector accepts http only for localhost)";
}
