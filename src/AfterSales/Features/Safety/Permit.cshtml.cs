using AfterSales.Domain;
using AfterSales.Domain.Safety;
using AfterSales.Features.Visits;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Safety;

/// <summary>
/// The permit to work on the technician's phone (SAF-2, SAF-3), one step after the other: each isolation step with a
/// photo, the protective equipment, start work, the close-out 工完料尽场地清 with the waste oil, then the grounding rod
/// and the power. Only the next step has a form; a step sent out of order is refused with the same text as the API's.
/// A technician who must leave before the job is done interrupts the work here, then restores.
/// </summary>
public sealed class PermitModel(SafetyService safety) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public JobSafetyDto Job { get; private set; } = null!;
    public PermitDto? Permit { get; private set; }

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        Job = await safety.JobAsync(Id);
        if (!Job.NeedsPermit) throw new NotFoundException("PermitNotNeeded");
        Permit = Job.PermitId is null ? null : await safety.GetPermitAsync(Id);
    }

    /// <summary>The photo comes as a file (no script) or, made smaller on the phone, as a data URL (visit.js).</summary>
    public async Task<IActionResult> OnPostStepAsync(int stepId, IFormFile? photo, string? photoData, string? note)
    {
        Upload? upload = null;
        if (!string.IsNullOrEmpty(photoData))
        {
            var (content, type) = DataUrl.Decode(photoData);
            upload = new Upload("photo", type, content);
        }
        else if (photo is not null)
        {
            if (photo.Length > Domain.WorkOrders.VisitPhoto.MaxBytes)
                throw new DomainException("PhotoTooLarge", Domain.WorkOrders.VisitPhoto.MaxBytes / 1024 / 1024) { Field = "Photo" };
            upload = await Upload.FromAsync(photo);
        }
        await safety.RecordStepAsync(Id, stepId, upload, note);
        return Redirect($"/Safety/Permit/{Id}#steps");
    }

    public async Task<IActionResult> OnPostProtectiveEquipmentAsync()
    {
        await safety.ConfirmProtectiveEquipmentAsync(Id);
        return Redirect($"/Safety/Permit/{Id}#work");
    }

    public async Task<IActionResult> OnPostStartWorkAsync()
    {
        await safety.StartWorkAsync(Id);
        return Redirect($"/Safety/Permit/{Id}#work");
    }

    public async Task<IActionResult> OnPostCloseOutAsync(bool workDone, bool materialsCleared, bool siteClean, WasteOil? wasteOil, string? wasteOilNote)
    {
        await safety.CloseOutAsync(Id, new CloseOutInput(workDone, materialsCleared, siteClean, wasteOil, wasteOilNote));
        return Redirect($"/Safety/Permit/{Id}#restore");
    }

    public async Task<IActionResult> OnPostInterruptAsync(string? reason, bool materialsCleared, bool siteClean, WasteOil? wasteOil, string? wasteOilNote)
    {
        await safety.InterruptAsync(Id, new InterruptInput(reason, materialsCleared, siteClean, wasteOil, wasteOilNote));
        return Redirect($"/Safety/Permit/{Id}#restore");
    }
}
