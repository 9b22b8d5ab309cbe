namespace Connectors.Abstractions;

/// <summary>
/// Batch operations for a target whose API takes one order per call, so such an adapter writes its single call once and
/// every pipeline still speaks in batches.
/// </summary>
public static class OneByOne
{
    /// <summary>
    /// Creates the submissions one call each. After a failure that is not a content rejection the rest are not tried (the
    /// platform is down or refuses us) and come back failed with the same cause; orders created before it keep their results.
    /// </summary>
    public static async Task<IReadOnlyList<OrderCreateResult>> CreateAsync(
        IReadOnlyList<OrderSubmission> submissions,
        Func<OrderSubmission, CancellationToken, Task<OrderCreateResult>> create,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        ArgumentNullException.ThrowIfNull(create);
        var results = new List<OrderCreateResult>(submissions.Count);
        PlatformException? stop = null;
        foreach (var submission in submissions)
        {
            if (stop is not null)
            {
                results.Add(OrderCreateResult.NotTried(submission.SourceReference, stop));
                continue;
            }

            try
            {
                var result = await create(submission, cancellationToken).ConfigureAwait(false);
                results.Add(result with { SourceReference = submission.SourceReference });
            }
            catch (PlatformException rejected) when (rejected.IsContentRejection)
            {
                // This order's content was refused; the next one may be fine.
                results.Add(OrderCreateResult.Failed(rejected) with { SourceReference = submission.SourceReference });
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                stop = ex as PlatformException ?? new PlatformException("", "create order", PlatformException.Classify(ex), ex.Message, ex);
                results.Add(OrderCreateResult.Failed(stop) with { SourceReference = submission.SourceReference });
            }
        }

        return results;
    }

    /// <summary>Looks the references up one call each; a reference not found is absent from the answer. A failed call throws.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> FindAsync(
        IReadOnlyCollection<string> sourceReferences,
        Func<string, CancellationToken, Task<string?>> find,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceReferences);
        ArgumentNullException.ThrowIfNull(find);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in sourceReferences)
        {
            if (await find(reference, cancellationToken).ConfigureAwait(false) is { } id)
            {
                found[reference] = id;
            }
        }

        return found;
    }
}
