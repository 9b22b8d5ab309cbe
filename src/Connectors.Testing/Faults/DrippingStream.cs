namespace Connectors.Testing;

/// <summary>A read-only stream that hands out its bytes a few at a time, pausing before each piece (a slow network).</summary>
internal sealed class DrippingStream(byte[] bytes, int chunk, TimeSpan pause) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => bytes.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= bytes.Length)
        {
            return 0;
        }

        await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        var n = Math.Min(Math.Min(chunk, buffer.Length), bytes.Length - _position);
        bytes.AsMemory(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads block the calling thread on the pause: what a socket read would do.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
