namespace Connectors.Sync;

/// <summary>Applies a <see cref="RoundingPolicy"/>.</summary>
public static class QuantityRounding
{
    /// <summary>Rounds to a whole number under the policy; negative levels become zero (a shop cannot sell below nothing).</summary>
    public static decimal Apply(decimal quantity, RoundingPolicy policy)
    {
        var q = policy switch
        {
            RoundingPolicy.Up => Math.Ceiling(quantity),
            RoundingPolicy.Nearest => Math.Round(quantity, MidpointRounding.AwayFromZero),
            _ => Math.Floor(quantity),
        };
        return q < 0 ? 0 : q;
    }
}
