using AfterSales.Data;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features;

/// <summary>The start page: what the signed-in person is responsible for, at a glance.</summary>
public sealed class IndexModel(AppDbContext db, LocalTime local, TimeProvider clock) : PageModel
{
    public AccessScope Scope { get; private set; } = null!;
    public string? RegionName { get; private set; }
    public int Customers { get; private set; }
    public int Sites { get; private set; }
    public int Equipment { get; private set; }
    public int EquipmentUnderWarranty { get; private set; }
    public int Staff { get; private set; }
    public int OpenWorkOrders { get; private set; }
    public int OverdueFirstContacts { get; private set; }

    /// <summary>Incidents of the scope waiting for an appeal decision (ASM-15); for a technician, their own.</summary>
    public int OpenAppeals { get; private set; }

    public async Task OnGetAsync()
    {
        Scope = AccessScope.From(User);
        var today = local.Today;
        RegionName = Scope.RegionId is { } id ? await db.Regions.Where(r => r.Id == id).Select(r => r.Name).SingleOrDefaultAsync() : null;
        Customers = await db.Customers(Scope).CountAsync();
        Sites = await db.Sites(Scope).CountAsync();
        Equipment = await db.Equipment(Scope).CountAsync();
        EquipmentUnderWarranty = await db.Equipment(Scope).CountAsync(e => e.WarrantyEnd >= today);
        Staff = await db.Staff(Scope).CountAsync(s => s.IsActive);
        var now = clock.GetUtcNow();
        var open = db.WorkOrders(Scope).Where(WorkOrder.Open);
        OpenWorkOrders = await open.CountAsync();
        OverdueFirstContacts = await open.CountAsync(w => w.FirstContactAt == null && w.FirstContactDueAt < now);
        OpenAppeals = await db.Incidents(Scope).CountAsync(i => i.State == Domain.Assessment.IncidentState.Appealed);
    }
}
