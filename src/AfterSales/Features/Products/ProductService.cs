using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Catalog;
using AfterSales.Features.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Products;

public sealed record ProductDto(int Id, string Code, string Name, string Category, string? EquipmentKind, string? Model,
    string? Description, decimal? Price, bool IsActive, int Version);

public sealed record ProductInput(string? Code, string? Name, string? Category, string? EquipmentKind, string? Model,
    string? Description, decimal? Price, int Version = 0);

public sealed record ProductFileDto(int Id, string FileName, string ContentType, long Length);

/// <summary>A file's content, as it is downloaded.</summary>
public sealed record ProductFileContent(string FileName, string ContentType, byte[] Content);

/// <summary>Filters of the product list, the same on the page and in the API.</summary>
public sealed record ProductFilter(string? Q = null, string? Category = null, bool? Active = null);

/// <summary>
/// The product catalog's rules, shared by the pages and the API: everyone signed in reads it; only people with
/// <see cref="Policies.ManageCatalog"/> reach the changing methods (the callers require that policy).
/// </summary>
public sealed class ProductService(AppDbContext db)
{
    // Column sizes (Data/Configurations/CatalogConfiguration.cs): checked here so the API answers 400, not 500.
    private const int CodeMax = 40, NameMax = 200, CategoryMax = 100, KindMax = 50, ModelMax = 100, DescriptionMax = 4000;
    private const decimal PriceLimit = 1_000_000_000_000m;

    public IQueryable<ProductDto> Query(ProductFilter filter)
    {
        var products = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var s = filter.Q.Trim().ToLower();
            products = products.Where(p => p.Code.ToLower().Contains(s) || p.Name.ToLower().Contains(s)
                || (p.Model != null && p.Model.ToLower().Contains(s)) || p.Category.ToLower().Contains(s)
                || (p.EquipmentKind != null && p.EquipmentKind.ToLower().Contains(s)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            var category = filter.Category.Trim();
            products = products.Where(p => p.Category == category);
        }
        if (filter.Active is { } active) products = products.Where(p => p.IsActive == active);
        return Project(products.OrderBy(p => p.Code));
    }

    public async Task<ProductDto> GetAsync(int id) =>
        await Project(db.Products.AsNoTracking().Where(p => p.Id == id)).SingleOrDefaultAsync() ?? throw new NotFoundException();

    // Filters go before this: EF cannot see through a record's constructor to filter on its properties.
    private static IQueryable<ProductDto> Project(IQueryable<Product> products) =>
        products.Select(p => new ProductDto(p.Id, p.Code, p.Name, p.Category, p.EquipmentKind, p.Model, p.Description, p.Price, p.IsActive, p.Version));

    /// <summary>The product's files without their content (a drawing can be megabytes).</summary>
    public async Task<List<ProductFileDto>> FilesAsync(int productId)
    {
        if (!await db.Products.AnyAsync(p => p.Id == productId)) throw new NotFoundException();
        return await db.ProductFiles.AsNoTracking().Where(f => f.ProductId == productId).OrderBy(f => f.Id)
            .Select(f => new ProductFileDto(f.Id, f.FileName, f.ContentType, f.Length)).ToListAsync();
    }

    public async Task<ProductFileDto> FileAsync(int productId, int fileId) =>
        await db.ProductFiles.AsNoTracking().Where(f => f.Id == fileId && f.ProductId == productId)
            .Select(f => new ProductFileDto(f.Id, f.FileName, f.ContentType, f.Length)).SingleOrDefaultAsync()
        ?? throw new NotFoundException();

    public async Task<ProductFileContent> ContentAsync(int productId, int fileId) =>
        await db.ProductFiles.AsNoTracking().Where(f => f.Id == fileId && f.ProductId == productId)
            .Select(f => new ProductFileContent(f.FileName, f.ContentType, f.Content)).SingleOrDefaultAsync()
        ?? throw new NotFoundException();

    /// <summary>Categories and equipment kinds already in use, offered as suggestions on the form.</summary>
    public async Task<(List<string> Categories, List<string> Kinds)> SuggestionsAsync()
    {
        var categories = await db.Products.Select(p => p.Category).Distinct().OrderBy(c => c).ToListAsync();
        var kinds = await db.Products.Where(p => p.EquipmentKind != null).Select(p => p.EquipmentKind!).Distinct().OrderBy(k => k).ToListAsync();
        return (categories, kinds);
    }

    public async Task<int> SaveAsync(int? id, ProductInput input)
    {
        CheckLength(input.Name, NameMax, nameof(ProductInput.Name));
        CheckLength(input.Category, CategoryMax, nameof(ProductInput.Category));
        CheckLength(input.EquipmentKind, KindMax, nameof(ProductInput.EquipmentKind));
        CheckLength(input.Model, ModelMax, nameof(ProductInput.Model));
        CheckLength(input.Description, DescriptionMax, nameof(ProductInput.Description));
        if (input.Price is { } price)
        {
            if (price >= PriceLimit) throw new DomainException("AmountTooLarge") { Field = nameof(ProductInput.Price) };
            if (decimal.Round(price, 2) != price) throw new DomainException("AmountHasTooManyDecimals") { Field = nameof(ProductInput.Price) };
        }

        Product product;
        if (id is null)
        {
            CheckLength(input.Code, CodeMax, nameof(ProductInput.Code));
            product = new Product(input.Code ?? "", input.Name ?? "", input.Category ?? "", input.EquipmentKind, input.Model);
            if (await db.Products.AnyAsync(p => p.Code == product.Code))
                throw new DomainException("CodeTaken", product.Code) { Field = nameof(ProductInput.Code) };
            db.Products.Add(product);
        }
        else
        {
            product = await db.Products.SingleOrDefaultAsync(p => p.Id == id) ?? throw new NotFoundException();
            db.ExpectVersion(product, input.Version);
        }
        product.Update(input.Name ?? "", input.Category ?? "", input.EquipmentKind, input.Model, input.Description, input.Price);
        await db.SaveChangesAsync();
        return product.Id;
    }

    /// <summary>Discontinues (停产) or reinstates a product. Installed equipment of a discontinued product stays as it is.</summary>
    public async Task SetActiveAsync(int id, bool active, int version)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id) ?? throw new NotFoundException();
        db.ExpectVersion(product, version);
        if (active) product.Reinstate();
        else product.Discontinue();
        await db.SaveChangesAsync();
    }

    /// <summary>Attaches a file (installation drawing, photo …). The size is checked before the content is read.</summary>
    public async Task<ProductFileDto> AttachAsync(int productId, string? fileName, long length, Func<Stream> open)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == productId) ?? throw new NotFoundException();
        var name = ProductFileTypes.CleanName(fileName);
        if (name.Length == 0) throw new DomainException("Required") { Field = "File" };
        if (length <= 0) throw new DomainException("FileEmpty") { Field = "File" };
        if (length > ProductFile.MaxBytes) throw new DomainException("FileTooLarge", ProductFile.MaxBytes / 1024 / 1024) { Field = "File" };
        byte[] content;
        await using (var stream = open())
        using (var buffer = new MemoryStream((int)length))
        {
            await stream.CopyToAsync(buffer);
            content = buffer.ToArray();
        }
        var type = ProductFileTypes.Resolve(name, content);
        var file = product.AttachFile(name, type.ContentType, content);
        await db.SaveChangesAsync();
        return new ProductFileDto(file.Id, file.FileName, file.ContentType, file.Length);
    }

    public async Task DeleteFileAsync(int productId, int fileId)
    {
        var file = await db.ProductFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.ProductId == productId) ?? throw new NotFoundException();
        db.ProductFiles.Remove(file);
        await db.SaveChangesAsync();
    }

    private static void CheckLength(string? value, int max, string field)
    {
        if (value is not null && value.Trim().Length > max) throw new DomainException("TextTooLong", max) { Field = field };
    }
}
