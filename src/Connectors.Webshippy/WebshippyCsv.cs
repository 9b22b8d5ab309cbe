using System.Text;

namespace Connectors.Webshippy;

/// <summary>A small RFC 4180 reader: BOM, quoted fields with commas, doubled quotes and line breaks, CRLF or LF.</summary>
internal static class WebshippyCsv
{
    /// <summary>
    /// Every row of a complete document, or an exception: a document cut off in transit (an open quote, a last row with
    /// no line break, a row shorter or longer than the header) is rejected whole, because its last number may be cut
    /// too ("45" arriving as "4").
    /// </summary>
    public static List<IReadOnlyList<string>> Complete(string text)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in Rows(text))
        {
            if (rows.Count > 0 && row.Count != rows[0].Count)
            {
                throw new FormatException($"row {rows.Count + 1} has {row.Count} fields where the header has {rows[0].Count}");
            }

            rows.Add(row);
        }

        var end = text.AsSpan().TrimEnd(' ');
        if (rows.Count > 1 && end.Length > 0 && end[^1] != '\n')
        {
            throw new FormatException("the document does not end with a line break after its last row, so it may be cut off");
        }

        return rows;
    }

    public static IEnumerable<IReadOnlyList<string>> Rows(string text)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var any = false;
        var headerEnd = text.IndexOf('\n', i);
        var header = headerEnd < 0 ? text.AsSpan(i) : text.AsSpan(i, headerEnd - i);
        var delimiter = header.Count(';') > header.Count(',') ? ';' : ',';
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    any = true;
                    break;
                case var d when d == delimiter:
                    row.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    if (any || row.Count > 1 || row[0].Length > 0)
                    {
                        yield return row;
                    }

                    row = [];
                    any = false;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException("a quoted field is not closed before the document ends, so it is cut off");
        }

        if (any || field.Length > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
