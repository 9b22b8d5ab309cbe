namespace Connectors.Unas;

/// <summary>
/// Reads a UTF-8 answer and replaces each raw C0 control byte that XML forbids (all below 0x20 but tab, LF, CR) with
/// U+FFFD. An XML reader stops at the first such byte and loses the whole page; marked, the page reads and the one
/// order that carries the mark is held with the field named. Bytes below 0x80 never occur inside a multi-byte UTF-8
/// sequence, so the replacement cannot split a character.
/// </summary>
internal sealed class ControlCharacterMarkingStream(Stream inner) : Stream
{
    private static readonly byte[] Marker = [0xEF, 0xBF, 0xBD];
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _position;
    private int _length;
    private int _markerSent = Marker.Length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        var written = 0;
        while (written < destination.Length)
        {
            if (_markerSent < Marker.Length)
            {
                destination[written++] = Marker[_markerSent++];
                continue;
            }

            if (_position == _length)
            {
                if (written > 0)
                {
                    break;
                }

                _length = inner.Read(_buffer);
                _position = 0;
                if (_length == 0)
                {
                    break;
                }
            }

            var rest = _buffer.AsSpan(_position, _length - _position);
            var bad = IndexOfControl(rest);
            var take = Math.Min(bad < 0 ? rest.Length : bad, destination.Length - written);
            rest[..take].CopyTo(destination[written..]);
            written += take;
            _position += take;
            if (take == bad)
            {
                _position++;
                _markerSent = 0;
            }
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static int IndexOfControl(ReadOnlySpan<byte> bytes)
    {
        var a = bytes.IndexOfAnyInRange((byte)0x00, (byte)0x08);
        var b = bytes.IndexOfAnyInRange((byte)0x0B, (byte)0x0C);
        var c = bytes.IndexOfAnyInRange((byte)0x0E, (byte)0x1F);
        return Min(Min(a, b), c);
    }

    private static int Min(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);
}
