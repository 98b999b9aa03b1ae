using AfterSales.Domain.Customers;

namespace AfterSales.Features.Customers;

/// <summary>A customer as lists show it: who, where (the first site), who serves them.</summary>
public sealed record CustomerDto(int Id, string Code, string Name, string Phone, int RegionId, string RegionName,
    int? TechnicianId, string? TechnicianName, string? SoldBy, string? Notes, string? City, string? Address, int SiteCount, int Version);

/// <summary>One customer with every site and the people met there.</summary>
public sealed record CustomerDetailsDto(int Id, string Code, string Name, string Phone, int RegionId, string RegionName,
    int? TechnicianId, string? TechnicianName, string? TechnicianPhone, string? SoldBy, string? Notes, int Version,
    IReadOnlyList<SiteDto> Sites);

public sealed record SiteDto(int Id, int CustomerId, string Name, string City, string Address, decimal? Latitude, decimal? Longitude,
    int Version, IReadOnlyList<ContactDto> Contacts);

public sealed record ContactDto(int Id, int SiteId, string Name, string Phone,
    Trade Trade, int Version);

/// <summary>
/// Create or change a customer. <see cref="Code"/> is used on create only. <see cref="TechnicianId"/> and
/// <see cref="RegionId"/> may be changed only by those allowed to (see <see cref="CustomerService"/>).
/// </summary>
public sealed record CustomerInput(string Code, string Name, string Phone, int RegionId, int? TechnicianId,
    string? SoldBy = null, string? Notes = null, int Version = 0);

/// <summary>Latitude and longitude in decimal degrees, both or neither.</summary>
public sealed record SiteInput(string Name, string City, string Address, decimal? Latitude = null, decimal? Longitude = null, int Version = 0);

public sealed record ContactInput(string Name, string Phone,
    Trade Trade, int Version = 0);

/// <summary>Equipment installed at a site, as the customer page lists it (the Catalog area owns it).</summary>
public sealed record SiteEquipmentDto(int Id, int SiteId, string SerialNumber, string? ProductName, string Kind, string? Model,
    DateOnly? InstalledOn, DateOnly? WarrantyEnd);

/// <summary>A choice in a drop-down: regions and technicians.</summary>
public sealed record Choice(int Id, string Name, int? RegionId = null);
