using Connectors.Abstractions;
using System.Globalization;
using System.Text;
using System.Xml;
using Connectors.Http;

namespace Connectors.Unas;

/// <summary>Safe XML reading and compact request writing for the Unas API.</summary>
internal static class UnasXml
{
    /// <summary>No DTDs, no external entities, a size cap: an XXE or billion-laughs payload is rejected.</summary>
    public static XmlReaderSettings ReaderSettings(long maxCharacters, bool async) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
        Async = async,
    };

    /// <summary>Writes a request document to bytes.</summary>
    public static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            writer.WriteStartDocument();
            body(writer);
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>Writes an element when the value is not null.</summary>
    public static void Element(this XmlWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteElementString(name, value);
        }
    }

    /// <summary>Invariant decimal text (Unas uses '.').</summary>
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a decimal leniently ('.' or ',' separator, spaces, a trailing '%'); null when empty or not a number.</summary>
    public static decimal? ParseDecimal(string? text) => LenientJson.ParseDecimal(text);

    /// <summary>
    /// True when the answer's root is <paramref name="root"/> with children; false for an empty root. Any other root (an
    /// HTML page answered with HTTP 200, a proxy's error page) fails the read: it is not "no data".
    /// </summary>
    public static bool ExpectRoot(XmlReader reader, string root)
    {
        var kind = reader.MoveToContent();
        if (kind != XmlNodeType.Element || reader.LocalName != root)
        {
            throw new PlatformException("unas", root, PlatformFailure.UnreadableAnswer, $"Unas answered <{reader.LocalName}> where the documented <{root}> was expected; the answer is not the documented shape.") { HttpStatus = 200 };
        }

        return !reader.IsEmptyElement;
    }

    /// <summary>Reads the root element's text when it is <c>&lt;Error&gt;</c>; otherwise null.</summary>
    public static string? ReadError(string body)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), ReaderSettings(1_000_000, async: false));
            return reader.MoveToContent() == XmlNodeType.Element && reader.LocalName == "Error" ? reader.ReadElementContentAsString().Trim() : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
