using System.ComponentModel.DataAnnotations;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Products;

/// <summary>Creates a product or changes one (the code is fixed once created); discontinues and reinstates it.</summary>
[Authorize(Policy = Policies.ManageCatalog)]
public sealed class EditModel(ProductService products, IStringLocalizer<UiText> text, IStringLocalizer<ProductsText> productsText)
    : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? Id { get; private set; }

    /// <summary>The product as stored, when editing (for the code and the discontinue/reinstate form).</summary>
    public ProductDto? Product { get; private set; }

    public List<string> Categories { get; private set; } = [];

    public List<string> Kinds { get; private set; } = [];

    public sealed class InputModel
    {
        [StringLength(40, ErrorMessage = "TooLong")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "Required")]
        [StringLength(200, ErrorMessage = "TooLong")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        [StringLength(100, ErrorMessage = "TooLong")]
        public string Category { get; set; } = "";

        [StringLength(50, ErrorMessage = "TooLong")]
        public string? EquipmentKind { get; set; }

        [StringLength(100, ErrorMessage = "TooLong")]
        public string? Model { get; set; }

        public decimal? Price { get; set; }

        [StringLength(4000, ErrorMessage = "TooLong")]
        public string? Description { get; set; }

        public int Version { get; set; }
    }

    public async Task OnGetAsync(int? id)
    {
        Id = id;
        await ReloadAsync();
        if (Product is not null) Input = FromProduct(Product);
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        if (id is null && string.IsNullOrWhiteSpace(Input.Code)) ModelState.AddModelError("Input.Code", text["Required"]);
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        var saved = await products.SaveAsync(id, new ProductInput(Input.Code, Input.Name, Input.Category, Input.EquipmentKind,
            Input.Model, Input.Description, Input.Price, Input.Version));
        TempData["Flash"] = text["Saved"].Value;
        return Redirect($"/Products/Details/{saved}");
    }

    public Task<IActionResult> OnPostDiscontinueAsync(int id) => SetActiveAsync(id, false);

    public Task<IActionResult> OnPostReinstateAsync(int id) => SetActiveAsync(id, true);

    private async Task<IActionResult> SetActiveAsync(int id, bool active)
    {
        Id = id;
        // Only the version is posted with these buttons; the edit form's other fields are not validated here.
        ModelState.Clear();
        await products.SetActiveAsync(id, active, Input.Version);
        TempData["Flash"] = productsText[active ? "Reinstated" : "DiscontinuedDone"].Value;
        return Redirect($"/Products/Details/{id}");
    }

    public async Task ReloadAsync()
    {
        Product = Id is { } id ? await products.GetAsync(id) : null;
        (Categories, Kinds) = await products.SuggestionsAsync();
        // A refused discontinue/reinstate posts only the version: show the stored product, not an empty form.
        if (Product is not null && Request.Query.ContainsKey("handler"))
        {
            ModelState.Remove("Input.Version");
            Input = FromProduct(Product);
        }
    }

    private static InputModel FromProduct(ProductDto p) => new()
    {
        Code = p.Code, Name = p.Name, Category = p.Category, EquipmentKind = p.EquipmentKind, Model = p.Model,
        Price = p.Price, Description = p.Description, Version = p.Version,
    };
}
