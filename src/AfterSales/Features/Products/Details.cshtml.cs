using AfterSales.Data;
using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Products;

public sealed class DetailsModel(AppDbContext db, ProductService products, IAuthorizationService authorization) : PageModel
{
    public ProductDto Product { get; private set; } = null!;

    public List<ProductFileDto> Files { get; private set; } = [];

    /// <summary>Installed units of this product that the user may see (SEC-2), not the company-wide count.</summary>
    public int EquipmentCount { get; private set; }

    public bool MayManage { get; private set; }

    public async Task OnGetAsync(int id)
    {
        Product = await products.GetAsync(id);
        Files = await products.FilesAsync(id);
        EquipmentCount = await db.Equipment(AccessScope.From(User)).CountAsync(e => e.ProductId == id);
        MayManage = (await authorization.AuthorizeAsync(User, Policies.ManageCatalog)).Succeeded;
    }
}
