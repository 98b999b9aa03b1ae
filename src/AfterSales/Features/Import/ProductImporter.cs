using AfterSales.Data;
using AfterSales.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using C = AfterSales.Features.Import.ImportColumns.Products;

namespace AfterSales.Features.Import;

/// <summary>Products: one per row; a product code that exists already is a duplicate, never an update.</summary>
public sealed class ProductImporter(AppDbContext db) : Importer<Product>(db)
{
    private static readonly Dictionary<string, ImportColumn> Fields = new()
    {
        [nameof(Product.Code)] = C.Code,
        [nameof(Product.Name)] = C.Name,
        [nameof(Product.Category)] = C.Category,
        [nameof(Product.EquipmentKind)] = C.EquipmentKind,
        [nameof(Product.Model)] = C.Model,
        [nameof(Product.Description)] = C.Description,
        [nameof(Product.Price)] = C.Price,
    };

    private HashSet<string> _codes = null!;
    private readonly FirstSeen _codesInFile = new();

    public override IReadOnlyList<ImportColumn> Columns => C.All;

    public override async Task PrepareAsync(CancellationToken ct) =>
        _codes = (await Db.Products.AsNoTracking().Select(p => p.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    protected override Product? Build(ImportRow row)
    {
        var code = row.Required(C.Code)?.ToUpperInvariant();
        if (code is not null)
        {
            if (_codes.Contains(code)) row.Problem(C.Code, "CodeTaken", code);
            else _codesInFile.Check(row, C.Code, code);
        }
        var name = row.Required(C.Name);
        var category = row.Required(C.Category);
        var kind = row.Text(C.EquipmentKind);
        var model = row.Text(C.Model);
        var description = row.Text(C.Description);
        var price = row.Amount(C.Price);
        if (!row.IsValid) return null;
        return Apply(row, () =>
        {
            var product = new Product(code!, name!, category!, kind, model);
            product.Update(name!, category!, kind, model, description, price);
            return product;
        }, Fields, C.Code);
    }
}
