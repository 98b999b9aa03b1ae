namespace AfterSales.Domain.Catalog;

/// <summary>A unit of the company's equipment installed at a customer's site.</summary>
public class InstalledEquipment : Entity
{
    private InstalledEquipment() { }

    public InstalledEquipment(string serialNumber, int productId, int siteId, string kind, string? model, DateOnly? installedOn, DateOnly? warrantyEnd)
    {
        SerialNumber = Guard.Required(serialNumber, nameof(SerialNumber)).ToUpperInvariant();
        Update(productId, siteId, kind, model, installedOn, warrantyEnd);
    }

    public string SerialNumber { get; private set; } = "";
    public int ProductId { get; private set; }
    public int SiteId { get; private set; }
    /// <summary>Equipment kind as the field names it: 卷压设备, 垂直设备 …</summary>
    public string Kind { get; private set; } = "";
    public string? Model { get; private set; }
    public DateOnly? InstalledOn { get; private set; }
    public DateOnly? WarrantyEnd { get; private set; }

    public void Update(int productId, int siteId, string kind, string? model, DateOnly? installedOn, DateOnly? warrantyEnd)
    {
        if (productId <= 0) throw new DomainException("Required") { Field = nameof(ProductId) };
        if (siteId <= 0) throw new DomainException("Required") { Field = nameof(SiteId) };
        if (installedOn is not null && warrantyEnd is not null && warrantyEnd < installedOn)
            throw new DomainException("WarrantyEndsBeforeInstallation") { Field = nameof(WarrantyEnd) };
        ProductId = productId;
        SiteId = siteId;
        Kind = Guard.Required(kind, nameof(Kind));
        Model = Guard.Optional(model);
        InstalledOn = installedOn;
        WarrantyEnd = warrantyEnd;
    }

    public bool IsUnderWarranty(DateOnly today) => WarrantyEnd is { } end && today <= end;
}
