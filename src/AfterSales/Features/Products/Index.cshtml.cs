using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Products;

/// <summary>The catalog: everyone signed in may look things up here.</summary>
public sealed class IndexModel(ProductService products, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    /// <summary>"true" on sale, "false" discontinued, empty for both.</summary>
    [BindProperty(SupportsGet = true)]
    public bool? Active { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<ProductDto> Products { get; private set; } = null!;

    public List<string> Categories { get; private set; } = [];

    public bool MayManage { get; private set; }

    public async Task OnGetAsync()
    {
        Products = await Paged<ProductDto>.FromAsync(products.Query(new ProductFilter(Q, Category, Active)), PageNumber);
        Categories = (await products.SuggestionsAsync()).Categories;
        MayManage = (await authorization.AuthorizeAsync(User, Policies.ManageCatalog)).Succeeded;
    }
}
