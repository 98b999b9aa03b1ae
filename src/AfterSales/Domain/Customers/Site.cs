namespace AfterSales.Domain.Customers;

/// <summary>An address where work happens (现场/工地), with the people met there.</summary>
public class Site : Entity
{
    private readonly List<SiteContact> _contacts = [];

    private Site() { }

    internal Site(Customer customer, string name, string city, string address, decimal? latitude, decimal? longitude)
    {
        Customer = customer;
        Update(name, city, address, latitude, longitude);
    }

    public int CustomerId { get; private set; }
    public Customer Customer { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public string City { get; private set; } = "";
    public string Address { get; private set; } = "";
    public decimal? Latitude { get; private set; }
    public decimal? Longitude { get; private set; }

    /// <summary>SAF-1: a customer's maintenance base (维修基地): work there needs a valid safety agreement and, for the kinds a permit template names, a permit to work.</summary>
    public bool IsMaintenanceBase { get; private set; }

    public IReadOnlyCollection<SiteContact> Contacts => _contacts.AsReadOnly();

    public void MarkMaintenanceBase(bool isMaintenanceBase) => IsMaintenanceBase = isMaintenanceBase;

    public void Update(string name, string city, string address, decimal? latitude, decimal? longitude)
    {
        Name = Guard.Required(name, nameof(Name));
        City = Guard.Required(city, nameof(City));
        Address = Guard.Required(address, nameof(Address));
        if ((latitude is null) != (longitude is null))
            throw new DomainException("CoordinatesComeInPairs") { Field = latitude is null ? nameof(Latitude) : nameof(Longitude) };
        if (latitude is < -90 or > 90) throw new DomainException("LatitudeOutOfRange") { Field = nameof(Latitude) };
        if (longitude is < -180 or > 180) throw new DomainException("LongitudeOutOfRange") { Field = nameof(Longitude) };
        Latitude = latitude;
        Longitude = longitude;
    }

    public SiteContact AddContact(string name, string phone, Trade trade)
    {
        var contact = new SiteContact(this, name, phone, trade);
        _contacts.Add(contact);
        return contact;
    }

    public void RemoveContact(SiteContact contact) => _contacts.Remove(contact);
}
