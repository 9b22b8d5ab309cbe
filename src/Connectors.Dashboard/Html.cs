using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using NodaTime;

namespace Connectors.Dashboard;

/// <summary>Pieces of server-rendered HTML: every value goes through <see cref="E"/>; no script anywhere.</summary>
internal static class Html
{
    // Plain, high-contrast styles: text #1b1b1b on white, links #0b4f9c, focus outlines kept (keyboard users see where they are).
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
        header{background:#1f3a5f;color:#fff;padding:.6rem 1rem}header a{color:#fff}
        nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1rem;flex-wrap:wrap}
        main{padding:1rem}a{color:#0b4f9c}
        table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #8a8a8a;padding:.3rem .5rem;text-align:left;vertical-align:top}
        caption{text-align:left;font-weight:bold;padding:.3rem 0}
        form.inline{display:inline}button{font:inherit;padding:.2rem .6rem;margin:.1rem}
        :focus{outline:3px solid #c25e00;outline-offset:2px}
        .message{border:2px solid #1f3a5f;padding:.5rem;margin-bottom:1rem}
        .sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        """;

    // Letters of every script stay as they are (TÁSKA-VÁSZON, not TÁSKA-V&#xC1;SZON); markup characters are encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string E(string? value) => Encoder.Encode(value ?? "");

    public static string When(Instant? at) => at is { } i ? i.ToString("uuuu-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string When(DateTimeOffset? at) => at is { } d ? When(Instant.FromDateTimeOffset(d)) : "—";

    public static string Age(TimeSpan age) => age switch
    {
        _ when age < TimeSpan.Zero => "in the future",
        _ when age.TotalMinutes < 1 => $"{(int)age.TotalSeconds} s",
        _ when age.TotalHours < 1 => $"{(int)age.TotalMinutes} min",
        _ when age.TotalDays < 1 => $"{(int)age.TotalHours} h {age.Minutes} min",
        _ => $"{(int)age.TotalDays} d {age.Hours} h",
    };

    public static string Every(TimeSpan interval) => interval.TotalHours >= 1 && interval.TotalHours == Math.Floor(interval.TotalHours)
        ? $"every {interval.TotalHours:0} h"
        : interval.TotalMinutes >= 1 ? $"every {interval.TotalMinutes:0.#} min" : $"every {interval.TotalSeconds:0.#} s";

    /// <summary>A whole page: title, navigation (the current page marked), an optional message, the body.</summary>
    public static string Page(DashboardContext d, string title, string current, string body)
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        b.Append("<title>").Append(E(title)).Append(" · ").Append(E(d.Options.Title)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        b.Append("<header><p><strong>").Append(E(d.Options.Title)).Append("</strong></p><nav aria-label=\"Dashboard\"><ul>");
        foreach (var (path, label) in new[] { ("/", "Pipelines"), ("/orders", "Held and failed orders"), ("/matches", "Match report"), ("/stock", "Stock writes"), ("/calls", "Platform calls") })
        {
            b.Append("<li><a href=\"").Append(E(d.Url(path))).Append('"');
            if (label == current)
            {
                b.Append(" aria-current=\"page\"");
            }

            b.Append('>').Append(E(label)).Append("</a></li>");
        }

        b.Append("</ul></nav></header><main><h1>").Append(E(title)).Append("</h1>");
        if (d.Http.Request.Query["message"] is { Count: > 0 } message)
        {
            b.Append("<p class=\"message\" role=\"status\">").Append(E(message.ToString())).Append("</p>");
        }

        b.Append(body).Append("</main></body></html>");
        return b.ToString();
    }

    /// <summary>A one-button POST form carrying the antiforgery field and hidden values.</summary>
    public static string Button(DashboardContext d, string action, string text, string? accessibleName = null, params (string Name, string Value)[] hidden)
    {
        var b = new StringBuilder("<form class=\"inline\" method=\"post\" action=\"").Append(E(d.Url(action))).Append("\">").Append(d.AntiforgeryField());
        foreach (var (name, value) in hidden)
        {
            b.Append("<input type=\"hidden\" name=\"").Append(E(name)).Append("\" value=\"").Append(E(value)).Append("\">");
        }

        b.Append("<button type=\"submit\"");
        if (accessibleName is not null)
        {
            b.Append(" aria-label=\"").Append(E(accessibleName)).Append('"');
        }

        return b.Append('>').Append(E(text)).Append("</button></form>").ToString();
    }

    /// <summary>A table with a caption and column headers; cells are already HTML.</summary>
    public static string Table(string caption, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows, string empty)
    {
        var b = new StringBuilder("<table><caption>").Append(E(caption)).Append("</caption><thead><tr>");
        foreach (var column in columns)
        {
            b.Append("<th scope=\"col\">").Append(E(column)).Append("</th>");
        }

        b.Append("</tr></thead><tbody>");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            b.Append("<tr>");
            foreach (var cell in row)
            {
                b.Append("<td>").Append(cell).Append("</td>");
            }

            b.Append("</tr>");
        }

        if (!any)
        {
            b.Append("<tr><td colspan=\"").Append(columns.Count).Append("\">").Append(E(empty)).Append("</td></tr>");
        }

        return b.Append("</tbody></table>").ToString();
    }

    /// <summary>A labelled select for a GET filter form.</summary>
    public static string Select(string id, string label, string? selected, IEnumerable<(string Value, string Text)> choices)
    {
        var b = new StringBuilder("<label for=\"").Append(id).Append("\">").Append(E(label)).Append("</label> <select id=\"").Append(id).Append("\" name=\"").Append(id).Append("\">");
        foreach (var (value, text) in choices)
        {
            b.Append("<option value=\"").Append(E(value)).Append('"');
            if (value == (selected ?? ""))
            {
                b.Append(" selected");
            }

            b.Append('>').Append(E(text)).Append("</option>");
        }

        return b.Append("</select> ").ToString();
    }
}
