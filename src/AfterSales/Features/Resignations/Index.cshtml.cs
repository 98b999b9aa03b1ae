using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Resignations;

/// <summary>HR-2: a person's own resignations; the pending ones of their people for managers; all for head office.</summary>
public sealed class IndexModel(ResignationService resignations) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public ResignationState? State { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ResignationFilter Filter { get; private set; } = new();

    public bool MaySubmit { get; private set; }

    public Paged<ResignationDto> List { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Filter = new ResignationFilter { Q = Q, State = State, Page = PageNumber };
        MaySubmit = AccessScope.From(User).Role != StaffRole.Administrator;
        List = await resignations.ListAsync(Filter);
    }
}
