namespace AfterSales.Domain.Organization;

/// <summary>A sales/service region with its after-sales manager and deputy (售后经理/副经理).</summary>
public class Region : Entity
{
    private Region() { }

    public Region(string code, string name, string city)
    {
        Rename(code, name, city);
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string City { get; private set; } = "";
    public int? ManagerId { get; private set; }
    public int? DeputyManagerId { get; private set; }

    public void Rename(string code, string name, string city)
    {
        Code = Guard.Required(code, nameof(Code)).ToUpperInvariant();
        Name = Guard.Required(name, nameof(Name));
        City = Guard.Required(city, nameof(City));
    }

    public void AppointManagers(int? managerId, int? deputyManagerId)
    {
        if (managerId is not null && managerId == deputyManagerId)
            throw new DomainException("ManagerAndDeputyMustDiffer") { Field = "DeputyManagerId" };
        ManagerId = managerId;
        DeputyManagerId = deputyManagerId;
    }
}
