using AfterSales.Data;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Safety;

/// <summary>SAF-4: violations the bases reported, recorded against the technician with the base's report; each becomes an incident.</summary>
[Authorize(Policy = Policies.RecordIncidents)]
public sealed class ViolationsModel(SafetyService safety, AppDbContext db, LocalTime local) : PageModel, IReloadsOnError
{
    public IReadOnlyList<ViolationDto> Violations { get; private set; } = [];
    public IReadOnlyList<BaseDto> Bases { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Technicians { get; private set; } = [];

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        Violations = await safety.ViolationsAsync();
        Bases = await safety.BasesAsync();
        var scope = AccessScope.From(User);
        Technicians = (await db.Staff(scope).AsNoTracking().Where(s => s.Role == StaffRole.Technician && s.IsActive).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name }).ToListAsync()).Select(s => (s.Id, s.Name)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(int siteId, int technicianId, int? workOrderId, DateTime? at, string? description, string? reportedBy,
        Severity severity, IFormFile? report)
    {
        await safety.RecordViolationAsync(new ViolationInput(siteId, technicianId, workOrderId, at is { } t ? local.Instant(t) : null, description, reportedBy,
            severity), await Upload.FromAsync(report));
        return Redirect("/Safety/Violations");
    }
}
