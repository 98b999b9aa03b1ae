using AfterSales.Data;
using AfterSales.Domain.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Assessment.Incidents;

/// <summary>A manager or the supervision department records an incident with its evidence; the rules judge it before it is kept.</summary>
[Authorize(Policy = Policies.RecordIncidents)]
public sealed class NewModel(IncidentService incidents, AppDbContext db, LocalTime local) : PageModel, IReloadsOnError
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Evidence { get; set; } = [];

    public IReadOnlyList<Domain.People.Staff> People { get; private set; } = [];

    public sealed class InputModel
    {
        public int PersonId { get; set; }
        public string? Kind { get; set; }
        public DateTime? At { get; set; }
        public Severity Severity { get; set; }
        public string? Description { get; set; }
        public decimal? Amount { get; set; }
        public DateTime? RestoredAt { get; set; }
        public bool FalseReport { get; set; }
        public bool Verified { get; set; }
        public string? EquipmentKind { get; set; }
        public string? Cause { get; set; }
        public string? RepairClass { get; set; }
        public bool Waived { get; set; }
        public string? WaiverReason { get; set; }

        /// <summary>Only where a refused file's message is shown (the files themselves come in <see cref="NewModel.Evidence"/>).</summary>
        public string? Evidence { get; set; }
    }

    public async Task OnGetAsync([FromQuery] int? personId)
    {
        Input.PersonId = personId ?? 0;
        Input.At = local.Now.DateTime;
        await ReloadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Files are checked before the incident is kept, so a refused file does not leave an incident without its evidence.
        if (Evidence.Any(f => f.Length > Incident.MaxEvidenceBytes))
            throw new Domain.DomainException("EvidenceSize", Incident.MaxEvidenceBytes / 1024 / 1024) { Field = "Evidence" };
        var id = await incidents.RecordAsync(new IncidentInput(Input.PersonId, Input.Kind, Input.At is { } at ? local.Instant(at) : null,
            Input.Description, Input.Severity, Input.Amount, Input.Waived, Input.WaiverReason,
            Input.RestoredAt is { } restored ? local.Instant(restored) : null, Input.Verified, Input.FalseReport, null, null,
            Input.EquipmentKind, Input.Cause, Input.RepairClass));
        foreach (var file in Evidence.Where(f => f.Length > 0))
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            await incidents.AddEvidenceAsync(id, file.FileName, file.ContentType, buffer.ToArray());
        }
        return Redirect($"/Assessment/Incidents/{id}");
    }

    public async Task ReloadAsync() =>
        People = await db.Staff(AccessScope.From(User)).AsNoTracking().Where(s => s.IsActive && s.Id != AccessScope.From(User).StaffId)
            .OrderBy(s => s.StaffNumber).ToListAsync();
}
