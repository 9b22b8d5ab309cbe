using System.Text;

namespace Connectors.Webshippy;

/// <summary>A small RFC 4180 reader: BOM, quoted fields with commas, doubled quotes and line breaks, CRLF or LF.</summary>
internal static class WebshippyCsv
{
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

        if (any || field.Length > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
