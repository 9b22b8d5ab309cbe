using Microsoft.Extensions.Options;

namespace Connectors.Status;

/// <summary>Validates <see cref="StatusPairsOptions"/> at start-up, naming every bad entry.</summary>
public sealed class StatusPairsValidator : IValidateOptions<StatusPairsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StatusPairsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Returns every problem found; empty when the options are valid.</summary>
    public static List<string> Check(StatusPairsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var comparer = options.IgnoreCodeCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var owner = new Dictionary<string, string>(comparer);

        foreach (var (statusName, codes) in options.Codes)
        {
            if (!TryParse(statusName, out _))
            {
                errors.Add($"StatusPairs:Codes has an unknown status '{statusName}'. Known: {KnownNames}.");
                continue;
            }

            foreach (var code in codes ?? [])
            {
                if (string.IsNullOrWhiteSpace(code))
                {
                    errors.Add($"StatusPairs:Codes:{statusName} contains an empty code.");
                    continue;
                }

                if (owner.TryGetValue(code, out var other))
                {
                    errors.Add(string.Equals(other, statusName, StringComparison.OrdinalIgnoreCase)
                        ? $"StatusPairs:Codes:{statusName} lists code '{code}' twice."
                        : $"StatusPairs: code '{code}' is mapped to both '{other}' and '{statusName}'; a code must mean one status.");
                    continue;
                }

                owner[code] = statusName;
            }
        }

        foreach (var statusName in options.Forward)
        {
            if (!TryParse(statusName, out _))
            {
                errors.Add($"StatusPairs:Forward has an unknown status '{statusName}'. Known: {KnownNames}.");
            }
        }

        foreach (var (statusName, code) in options.WriteBack)
        {
            if (!TryParse(statusName, out _))
            {
                errors.Add($"StatusPairs:WriteBack has an unknown status '{statusName}'. Known: {KnownNames}.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(code))
            {
                errors.Add($"StatusPairs:WriteBack:{statusName} must name exactly one code, but is empty.");
            }
            else if (code.Contains(',', StringComparison.Ordinal))
            {
                errors.Add($"StatusPairs:WriteBack:{statusName} must name exactly one code, but was '{code}'.");
            }
            else if (owner.TryGetValue(code, out var mappedTo) && !string.Equals(mappedTo, statusName, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"StatusPairs:WriteBack:{statusName} writes code '{code}', which Codes maps to '{mappedTo}'.");
            }
        }

        return errors;
    }

    /// <summary>
    /// The rules a pipeline adds: pairs that would make the order sync skip every order for good (no codes at all, a
    /// forward status with no codes) and, with <paramref name="writesBack"/>, write-back codes that are not among the codes
    /// of their status. Empty when the pairs can drive a pipeline.
    /// </summary>
    public static List<string> CheckForPipeline(StatusPairsOptions options, bool writesBack)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Codes.Count == 0 || options.Codes.All(c => c.Value is null || c.Value.Count == 0))
        {
            errors.Add("StatusPairs:Codes is empty, so every order would be skipped as 'not in the status pairs' and the checkpoint would move past it for good. Map your shop's status codes, e.g. StatusPairs:Codes:ReadyToFulfil = [ \"2\" ] (is StatusPairs configured in another section?).");
            return errors;
        }

        foreach (var (statusName, codes) in options.Codes)
        {
            if (codes is null || codes.Count == 0)
            {
                errors.Add($"StatusPairs:Codes:{statusName} is empty; list the shop's codes for it or remove it.");
            }
        }

        var forward = options.Forward.Count == 0 ? [nameof(CanonicalOrderStatus.ReadyToFulfil)] : options.Forward;
        foreach (var statusName in forward.Where(f => TryParse(f, out _)))
        {
            if (!options.Codes.TryGetValue(statusName, out var codes) || codes is null || codes.Count == 0)
            {
                errors.Add($"StatusPairs:Forward sends '{statusName}' orders, but StatusPairs:Codes:{statusName} has no codes, so no order would ever be sent.");
            }
        }

        if (writesBack)
        {
            var comparer = options.IgnoreCodeCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            foreach (var (statusName, code) in options.WriteBack)
            {
                if (!string.IsNullOrWhiteSpace(code) && TryParse(statusName, out _)
                    && !(options.Codes.TryGetValue(statusName, out var codes) && codes is not null && codes.Contains(code, comparer)))
                {
                    errors.Add($"StatusPairs:WriteBack:{statusName} writes '{code}', which is not among StatusPairs:Codes:{statusName}; the next read would not know what it means.");
                }
            }
        }

        return errors;
    }

    internal static bool TryParse(string name, out CanonicalOrderStatus status) =>
        Enum.TryParse(name, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(name, out _);

    private static string KnownNames => string.Join(", ", Enum.GetNames<CanonicalOrderStatus>());
}
