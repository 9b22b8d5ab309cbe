namespace Connectors.Model;

/// <summary>A postal address as an order carries it (billing or shipping).</summary>
public sealed record Address
{
    /// <summary>Name of the person or company at the address.</summary>
    public string? Name { get; init; }

    /// <summary>Company name, when it differs from <see cref="Name"/>.</summary>
    public string? Company { get; init; }

    /// <summary>Street, house number and any further address lines, as one line.</summary>
    public string? Street { get; init; }

    /// <summary>City or town.</summary>
    public string? City { get; init; }

    /// <summary>Postal code.</summary>
    public string? PostalCode { get; init; }

    /// <summary>County, state or region.</summary>
    public string? Region { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code (upper case), when known.</summary>
    public string? CountryCode { get; init; }

    /// <summary>Country name as the platform wrote it.</summary>
    public string? Country { get; init; }

    /// <summary>Phone number for this address (couriers use it).</summary>
    public string? Phone { get; init; }

    /// <summary>Tax number (VAT id) for invoices.</summary>
    public string? TaxNumber { get; init; }

    /// <summary>Pick-up point id when the parcel goes to a locker or drop-off point.</summary>
    public string? DeliveryPointId { get; init; }

    /// <summary>True when there is enough to deliver a parcel: a street or delivery point, a city and a postal code.</summary>
    public bool IsDeliverable =>
        (!string.IsNullOrWhiteSpace(Street) || !string.IsNullOrWhiteSpace(DeliveryPointId))
        && !string.IsNullOrWhiteSpace(City)
        && !string.IsNullOrWhiteSpace(PostalCode);
}
