namespace Connectors.ShipStation.AspNetCore;

/// <summary>Settings of a served Custom Store. Bind from configuration (<c>Connectors:CustomStoreServer</c>).</summary>
public sealed class ShipStationCustomStoreOptions
{
    /// <summary>The user name to enter in ShipStation's Custom Store form (Basic auth).</summary>
    public string? Username { get; set; }

    /// <summary>The password to enter in ShipStation's Custom Store form; a secret, never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The registered order source served (its connector name, e.g. <c>unas</c>); ship notices go to its inbox.</summary>
    public string Source { get; set; } = "";

    /// <summary>Orders per export page. Default 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Largest ship notice accepted, in bytes. Default 256 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;
}
