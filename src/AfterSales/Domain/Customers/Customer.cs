namespace AfterSales.Domain.Customers;

/// <summary>
/// Who bought (客户/业主). A customer belongs to one region and, once served, to one technician who
/// follows them to the end (WO-4).
/// </summary>
public class Customer : Entity
{
    private readonly List<Site> _sites = [];

    private Customer() { }

    public Customer(string code, string name, string phone, int regionId)
    {
        Code = Guard.Required(code, nameof(Code)).ToUpperInvariant();
        Update(name, phone, regionId, null);
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public int RegionId { get; private set; }
    /// <summary>The technician who follows this customer (一个客户由一名指导人员跟踪服务到底).</summary>
    public int? TechnicianId { get; private set; }
    /// <summary>The store or sales associate who sold the products (导购/店面).</summary>
    public string? SoldBy { get; private set; }
    public string? Notes { get; private set; }

    public IReadOnlyCollection<Site> Sites => _sites.AsReadOnly();

    public void Update(string name, string phone, int regionId, string? soldBy, string? notes = null)
    {
        Name = Guard.Required(name, nameof(Name));
        Phone = ChinesePhone.Normalize(phone, nameof(Phone));
        if (regionId <= 0) throw new DomainException("Required") { Field = nameof(RegionId) };
        RegionId = regionId;
        SoldBy = Guard.Optional(soldBy);
        Notes = Guard.Optional(notes);
    }

    /// <summary>Sets the customer's own technician. Changing it later goes through an approved request (WO-4).</summary>
    public void AssignTechnician(int? technicianId) => TechnicianId = technicianId;

    public Site AddSite(string name, string city, string address, decimal? latitude = null, decimal? longitude = null)
    {
        var site = new Site(this, name, city, address, latitude, longitude);
        _sites.Add(site);
        return site;
    }
}
