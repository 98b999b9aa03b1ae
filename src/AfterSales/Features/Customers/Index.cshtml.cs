using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Customers;

/// <summary>The customers the signed-in person sees (SEC-2), searchable and filterable by region and technician.</summary>
public sealed class IndexModel(CustomerService customers) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? RegionId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? TechnicianId { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<CustomerDto> Customers { get; private set; } = null!;
    public List<Choice> Regions { get; private set; } = [];
    public List<Choice> Technicians { get; private set; } = [];
    public bool MayCreate { get; private set; }
    public bool ShowTechnicianFilter { get; private set; }

    public async Task OnGetAsync()
    {
        var scope = customers.Scope;
        MayCreate = CustomerService.MayCreate(scope);
        // A technician sees only their own customers: filtering by technician would tell them nothing.
        ShowTechnicianFilter = !scope.SeesOnlyOwnWork;
        Regions = await customers.RegionsAsync();
        if (ShowTechnicianFilter)
        {
            Technicians = await customers.TechniciansAsync(activeOnly: false);
            // With a region chosen, offer only its technicians.
            if (RegionId is not null) Technicians = Technicians.Where(t => t.RegionId == RegionId).ToList();
        }
        Customers = await Paged<CustomerDto>.FromAsync(customers.Query(Q, RegionId, TechnicianId), PageNumber);
    }
}
