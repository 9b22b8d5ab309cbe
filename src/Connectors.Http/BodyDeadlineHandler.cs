using System.Diagnostics;
using System.Net;
using Connectors.Abstractions;

namespace Connectors.Http;

/// <summary>
/// Bounds how long an answer's body may take to arrive. The attempt timeout covers the request up to the answer's headers;
/// a platform (or a proxy) that then sends the body a few bytes at a time, or stops half-way without closing, would hold a
/// run for ever. The body is read under <see cref="ConnectorHttpSettings.BodyTimeout"/>, counted from the headers; past it
/// the read fails as a transient <see cref="PlatformException"/>, and the next run tries again.
/// </summary>
internal sealed class BodyDeadlineHandler(string platform, TimeSpan timeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content is { } content)
        {
            var operation = request.Options.TryGetValue(ConnectorRequest.Operation, out var op) ? op : request.RequestUri?.AbsolutePath ?? "";
            response.Content = new DeadlineContent(content, platform, operation, timeout);
        }

        return response;
    }

    private sealed class DeadlineContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly string _platform;
        private readonly string _operation;
        private readonly TimeSpan _timeout;
        private readonly long _started = Stopwatch.GetTimestamp();

        public DeadlineContent(HttpContent inner, string platform, string operation, TimeSpan timeout)
        {
            (_inner, _platform, _operation, _timeout) = (inner, platform, operation, timeout);
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await using var body = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
            await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new DeadlineStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), this);

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public TimeSpan Left => _timeout - Stopwatch.GetElapsedTime(_started);

        public PlatformException Late() => new(_platform, _operation, PlatformFailure.Transient,
            $"{_platform} {_operation}: the answer's body was still arriving {_timeout.TotalSeconds:0.#} s after its headers (a stalled or slow connection); the next run tries again.");
    }

    private sealed class DeadlineStream(Stream inner, DeadlineContent owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var left = owner.Left;
            if (left <= TimeSpan.Zero)
            {
                throw owner.Late();
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(left);
            try
            {
                return await inner.ReadAsync(buffer, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw owner.Late();
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // A synchronous read cannot be interrupted; it is refused once the time is up.
        public override int Read(byte[] buffer, int offset, int count) => owner.Left > TimeSpan.Zero ? inner.Read(buffer, offset, count) : throw owner.Late();

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
    }
}
