using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace Connectors.Fuzz.Tests;

/// <summary>What a fuzzer does to a platform's answer: cut it, splice bad text in, swap a number, or replace it whole.</summary>
public enum MutationKind
{
    Truncate,
    Insert,
    Delete,
    Replace,
    ReplaceNumber,
    Duplicate,
    Whole,
}

/// <summary>One mutation: where (fractions of the body's length) and with what.</summary>
public sealed record BodyMutation(MutationKind Kind, double At, double To, string Payload)
{
    // Text that breaks parsers: markup and JSON punctuation, control characters, lone surrogates, numbers out of range or
    // in another culture's format, entities, dates that do not exist, and the other platforms' shapes.
    private static readonly string[] Nasty =
    [
        "", "\0", "\u0001", "\u001f", "<", ">", "&", "&amp;", "&#0;", "\"", "'", "{", "}", "[", "]", ",", ":", "null", "true",
        "-1", "0", "-0", "1e309", "-1e309", "NaN", "Infinity", "99999999999999999999999999999999", "1,5", "1.234,56", "1 000",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "<![CDATA[", "]]>", "\uFFFF", "\uD800", "\uDC00",
        "/Date(-99999999999999999)/", "/Date(abc)/", "2025-13-45T25:61:61", "02/30/2025 24:00", "0000-00-00", "\r\n", "\t",
        "<html><body>Service Unavailable</body></html>", "{\"errors\":[{\"message\":\"x\"}]}", "[]", "{}", "\"\"",
    ];

    public static readonly Gen<string> Payloads = Gen.OneOf(Gen.Int[0, Nasty.Length - 1].Select(i => Nasty[i]), Gen.String[Gen.Char, 0, 12], Gen.String[Gen.Char["<>{}[]\",:&0123456789.-eE"], 1, 16]);

    public static readonly Gen<BodyMutation> One = Gen.Select(Gen.Enum<MutationKind>(), Gen.Double[0, 1], Gen.Double[0, 1], Payloads, (k, a, b, p) => new BodyMutation(k, a, b, p));

    public static readonly Gen<BodyMutation[]> Some = One.Array[1, 4];

    public static string Apply(string body, IEnumerable<BodyMutation> mutations) => mutations.Aggregate(body, (text, m) => m.Apply(text));

    public string Apply(string body)
    {
        var from = (int)(Math.Min(At, To) * body.Length);
        var to = (int)(Math.Max(At, To) * body.Length);
        return Kind switch
        {
            MutationKind.Truncate => body[..from],
            MutationKind.Insert => body.Insert(from, Payload),
            MutationKind.Delete => body.Remove(from, to - from),
            MutationKind.Replace => string.Concat(body.AsSpan(0, from), Payload, body.AsSpan(to)),
            MutationKind.ReplaceNumber => ReplaceNumber(body, from),
            MutationKind.Duplicate => body.Insert(to, body[from..to]),
            _ => Payload,
        };
    }

    // The number nearest the position: where parsers of amounts, quantities and ids live.
    private string ReplaceNumber(string body, int near)
    {
        var numbers = Regex.Matches(body, "-?[0-9]+([.,][0-9]+)?");
        if (numbers.Count == 0)
        {
            return body.Insert(near, Payload);
        }

        var hit = numbers.MinBy(n => Math.Abs(n.Index - near))!;
        return new StringBuilder(body).Remove(hit.Index, hit.Length).Insert(hit.Index, Payload).ToString();
    }

    public override string ToString() => $"{Kind}@{At:0.###}-{To:0.###} '{Escape(Payload)}'";

    private static string Escape(string text) => string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
