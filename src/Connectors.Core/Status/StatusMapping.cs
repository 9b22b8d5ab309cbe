namespace Connectors.Status;

/// <summary>
/// The result of mapping a platform status code. An unknown code is <see cref="IsMapped"/> = false: callers must
/// handle it explicitly (report it), never guess.
/// </summary>
public readonly record struct StatusMapping
{
    private StatusMapping(string code, CanonicalOrderStatus? status)
    {
        Code = code;
        MappedStatus = status;
    }

    /// <summary>The platform code that was mapped.</summary>
    public string Code { get; }

    /// <summary>The canonical status, or null when the code is not configured.</summary>
    public CanonicalOrderStatus? MappedStatus { get; }

    /// <summary>True when the code is configured.</summary>
    public bool IsMapped => MappedStatus is not null;

    /// <summary>The canonical status; throws when the code is unmapped.</summary>
    public CanonicalOrderStatus Status => MappedStatus ?? throw new InvalidOperationException($"Status code '{Code}' is not mapped to a canonical status.");

    /// <summary>A mapped code.</summary>
    public static StatusMapping Mapped(string code, CanonicalOrderStatus status) => new(code, status);

    /// <summary>A code no status pair names.</summary>
    public static StatusMapping Unmapped(string code) => new(code, null);

    /// <inheritdoc />
    public override string ToString() => IsMapped ? $"{Code} -> {MappedStatus}" : $"{Code} -> (unmapped)";
}
