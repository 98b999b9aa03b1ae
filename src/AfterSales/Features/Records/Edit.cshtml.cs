using AfterSales.Data;
using AfterSales.Domain.Records;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Records;

/// <summary>REC-1: the technician drafts the service record of a completed job on the phone, prefilled from the visit.</summary>
public sealed class EditModel(RecordService records, AppDbContext db, IStringLocalizer<ErrorText> errors) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)]
    public int WorkOrderId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? RecordId { get; private set; }
    public RecordContent Preview { get; private set; } = null!;
    public bool Signed { get; private set; }

    public sealed class InputModel
    {
        public string? WorkDone { get; set; }
        public string? ConstructionSchedule { get; set; }
        public DateOnly? ConstructionDate { get; set; }
        public DateOnly? InstallFrom { get; set; }
        public DateOnly? InstallTo { get; set; }
        public string? Remarks { get; set; }
        public int? Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        RecordId = await records.FindByWorkOrderAsync(WorkOrderId);
        if (RecordId is { } id)
        {
            var record = await records.GetAsync(id);
            if (record.Signed) return Redirect($"/Records/Details/{id}");
            var c = record.Content;
            Input = new InputModel
            {
                WorkDone = c.WorkDone, ConstructionSchedule = c.ConstructionSchedule, ConstructionDate = c.ConstructionDate,
                InstallFrom = c.InstallFrom, InstallTo = c.InstallTo, Remarks = c.Remarks, Version = record.Version,
            };
        }
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // REC-3: a signed record is refused here as everywhere, with a 409 and the reason in the user's language.
        if (await db.ServiceRecords.AnyAsync(r => r.WorkOrderId == WorkOrderId && r.SignedAt != null))
        {
            await records.FindByWorkOrderAsync(WorkOrderId);
            ModelState.AddModelError("", errors["RecordSigned"].Value);
            await ReloadAsync();
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var id = await records.SaveDraftAsync(new RecordDraftInput(WorkOrderId, Input.WorkDone, Input.ConstructionSchedule, Input.ConstructionDate,
            Input.InstallFrom, Input.InstallTo, Input.Remarks, Input.Version));
        return Redirect($"/Records/Sign/{id}");
    }

    public async Task ReloadAsync()
    {
        RecordId = await records.FindByWorkOrderAsync(WorkOrderId);
        if (RecordId is { } id)
        {
            var record = await records.GetAsync(id);
            Preview = record.Content;
            Signed = record.Signed;
        }
        else
        {
            var snapshot = await records.SnapshotAsync(WorkOrderId);
            Preview = new RecordContent("", ServiceRecord.KindOf(snapshot.WorkOrderKind), snapshot.WorkOrderNumber, snapshot.TechnicianName,
                snapshot.CustomerName, snapshot.CustomerPhone, snapshot.SiteAddress, "", null, null, null, null, null, snapshot.Lines, null, null, null);
        }
    }
}
