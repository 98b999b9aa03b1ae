using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Products;

/// <summary>Asks before a product's file is removed (works without JavaScript), then removes it.</summary>
[Authorize(Policy = Policies.ManageCatalog)]
public sealed class DeleteFileModel(ProductService products, IStringLocalizer<ProductsText> text) : PageModel
{
    public ProductDto Product { get; private set; } = null!;

    public ProductFileDto Attachment { get; private set; } = null!;

    public async Task OnGetAsync(int id, int fileId)
    {
        Product = await products.GetAsync(id);
        Attachment = await products.FileAsync(id, fileId);
    }

    public async Task<IActionResult> OnPostAsync(int id, int fileId)
    {
        var file = await products.FileAsync(id, fileId);
        await products.DeleteFileAsync(id, fileId);
        TempData["Flash"] = text["FileDeleted", file.FileName].Value;
        return Redirect($"/Products/Details/{id}");
    }
}
