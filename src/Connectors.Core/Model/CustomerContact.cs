namespace Connectors.Model;

/// <summary>Who placed the order.</summary>
public sealed record CustomerContact
{
    /// <summary>Platform customer id, when the customer has an account.</summary>
    public string? Id { get; init; }

    /// <summary>Customer name.</summary>
    public string? Name { get; init; }

    /// <summary>E-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Phone number.</summary>
    public string? Phone { get; init; }
}
