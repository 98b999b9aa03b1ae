namespace AfterSales.Domain.Customers;

/// <summary>The trades that may have to be present on site (WO-3).</summary>
public enum Trade
{
    Owner,
    SiteSupervisor,
    Plumber,
    Tiler,
    Electrician,
    Carpenter,
    PropertyManager,
    Other,
}

/// <summary>Someone met on site: the owner, the site supervisor, a plumber …</summary>
public class SiteContact : Entity
{
    private SiteContact() { }

    internal SiteContact(Site site, string name, string phone, Trade trade)
    {
        Site = site;
        Update(name, phone, trade);
    }

    public int SiteId { get; private set; }
    public Site Site { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public Trade Trade { get; private set; }

    public void Update(string name, string phone, Trade trade)
    {
        Name = Guard.Required(name, nameof(Name));
        Phone = ChinesePhone.Normalize(phone, nameof(Phone));
        Trade = trade;
    }
}
