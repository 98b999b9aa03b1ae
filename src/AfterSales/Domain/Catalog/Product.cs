namespace AfterSales.Domain.Catalog;

/// <summary>A product the company sells and services, with its installation drawings (VIS-4).</summary>
public class Product : Entity
{
    private readonly List<ProductFile> _files = [];

    private Product() { }

    public Product(string code, string name, string category, string? equipmentKind, string? model)
    {
        Code = Guard.Required(code, nameof(Code)).ToUpperInvariant();
        Update(name, category, equipmentKind, model, null, null);
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Category { get; private set; } = "";
    /// <summary>The kind of equipment the product is (e.g. 卷压设备, 垂直设备), as technicians name it in reports.</summary>
    public string? EquipmentKind { get; private set; }
    public string? Model { get; private set; }
    public string? Description { get; private set; }
    /// <summary>List price in CNY, when the product is sold separately.</summary>
    public decimal? Price { get; private set; }
    public bool IsActive { get; private set; } = true;

    public IReadOnlyCollection<ProductFile> Files => _files.AsReadOnly();

    public void Update(string name, string category, string? equipmentKind, string? model, string? description, decimal? price)
    {
        Name = Guard.Required(name, nameof(Name));
        Category = Guard.Required(category, nameof(Category));
        if (price < 0) throw new DomainException("AmountNegative") { Field = nameof(Price) };
        EquipmentKind = Guard.Optional(equipmentKind);
        Model = Guard.Optional(model);
        Description = Guard.Optional(description);
        Price = price;
    }

    public ProductFile AttachFile(string fileName, string contentType, byte[] content)
    {
        var file = new ProductFile(this, fileName, contentType, content);
        _files.Add(file);
        return file;
    }

    public void RemoveFile(ProductFile file) => _files.Remove(file);

    public void Discontinue() => IsActive = false;

    public void Reinstate() => IsActive = true;
}
