using AfterSales.Data;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.WorkOrders;

/// <summary>The jobs a person may see, filtered by state, kind, technician and overdue first contact.</summary>
public sealed class IndexModel(WorkOrderService orders, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public WorkOrderState? State { get; set; }
    [BindProperty(SupportsGet = true)] public WorkOrderKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? TechnicianId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<WorkOrderDto> Orders { get; private set; } = null!;
    public List<(int Id, string Name)> Technicians { get; private set; } = [];
    public bool MayTake { get; private set; }

    public async Task OnGetAsync()
    {
        var scope = AccessScope.From(User);
        MayTake = Policies.Allows(Policies.TakeWorkOrders, scope.Role);
        if (!scope.SeesOnlyOwnWork)
        {
            Technicians = (await db.Staff(scope).Where(s => s.Role == StaffRole.Technician && s.IsActive).OrderBy(s => s.Name)
                .Select(s => new { s.Id, s.Name }).ToListAsync()).Select(s => (s.Id, s.Name)).ToList();
        }
        Orders = await orders.ListAsync(new WorkOrderFilter { Q = Q, State = State, Kind = Kind, TechnicianId = TechnicianId, Overdue = Overdue ? true : null }, PageNumber);
    }
}
