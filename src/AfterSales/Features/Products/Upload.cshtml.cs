using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Products;

/// <summary>
/// Attaches a file to a product. The form sits on the product page; this page shows it again on its own when
/// the file is refused, with the reason beside it.
/// </summary>
[Authorize(Policy = Policies.ManageCatalog)]
[RequestSizeLimit(ProductsApi.UploadRequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = ProductsApi.UploadRequestLimit)]
public sealed class UploadModel(ProductService products, IStringLocalizer<ProductsText> text) : PageModel, IReloadsOnError
{
    public ProductDto Product { get; private set; } = null!;

    public int Id { get; private set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public IFormFile? File { get; set; }
    }

    public async Task OnGetAsync(int id)
    {
        Id = id;
        await ReloadAsync();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        Id = id;
        var upload = Input.File;
        var saved = await products.AttachAsync(id, upload?.FileName, upload?.Length ?? 0, () => upload!.OpenReadStream());
        TempData["Flash"] = text["FileUploaded", saved.FileName].Value;
        return Redirect($"/Products/Details/{id}");
    }

    public async Task ReloadAsync() => Product = await products.GetAsync(Id);
}
