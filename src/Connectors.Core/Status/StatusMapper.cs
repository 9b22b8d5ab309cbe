using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Connectors.Status;

/// <summary>An <see cref="IStatusMapper"/> built from <see cref="StatusPairsOptions"/>.</summary>
public sealed class StatusMapper : IStatusMapper
{
    private readonly FrozenDictionary<string, CanonicalOrderStatus> _byCode;
    private readonly FrozenDictionary<CanonicalOrderStatus, string> _writeBack;
    private readonly FrozenDictionary<CanonicalOrderStatus, string[]> _codesByStatus;

    /// <summary>Builds a mapper; throws <see cref="ArgumentException"/> naming every problem when the pairs are invalid.</summary>
    public StatusMapper(StatusPairsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = StatusPairsValidator.Check(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        }

        var comparer = options.IgnoreCodeCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var byCode = new Dictionary<string, CanonicalOrderStatus>(comparer);
        var byStatus = new Dictionary<CanonicalOrderStatus, List<string>>();
        foreach (var (name, codes) in options.Codes)
        {
            var status = Parse(name);
            foreach (var code in codes)
            {
                byCode[code] = status;
                if (!byStatus.TryGetValue(status, out var list))
                {
                    byStatus[status] = list = [];
                }

                list.Add(code);
            }
        }

        _byCode = byCode.ToFrozenDictionary(comparer);
        _codesByStatus = byStatus.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray());
        _writeBack = options.WriteBack.ToFrozenDictionary(
            p => Parse(p.Key),
            p => p.Value);
        var forward = options.Forward.Count == 0
            ? [CanonicalOrderStatus.ReadyToFulfil]
            : options.Forward.Select(Parse);
        ForwardStatuses = forward.ToFrozenSet();
    }

    private static CanonicalOrderStatus Parse(string name) =>
        StatusPairsValidator.TryParse(name, out var status) ? status : throw new ArgumentException($"Unknown status '{name}'.", nameof(name));

    /// <inheritdoc />
    public IReadOnlySet<CanonicalOrderStatus> ForwardStatuses { get; }

    /// <inheritdoc />
    public StatusMapping Map(string platformCode) =>
        platformCode is not null && _byCode.TryGetValue(platformCode, out var status)
            ? StatusMapping.Mapped(platformCode, status)
            : StatusMapping.Unmapped(platformCode ?? "");

    /// <inheritdoc />
    public bool TryGetWriteBackCode(CanonicalOrderStatus status, [NotNullWhen(true)] out string? code) =>
        _writeBack.TryGetValue(status, out code);

    /// <inheritdoc />
    public IReadOnlyList<string> CodesFor(CanonicalOrderStatus status) =>
        _codesByStatus.TryGetValue(status, out var codes) ? codes : [];
}
