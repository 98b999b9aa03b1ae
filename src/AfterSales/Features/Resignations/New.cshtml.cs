using System.ComponentModel.DataAnnotations;
using AfterSales.Domain.People;
using AfterSales.Features.Assessment;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Resignations;

/// <summary>HR-2: the written resignation, from the phone: the last day (at least the policy's notice ahead) and the reason.</summary>
public sealed class NewModel(ResignationService resignations, PolicyBook policies, LocalTime local, IStringLocalizer<ResignationsText> text)
    : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int NoticeDays { get; private set; }

    public DateOnly Earliest { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required")]
        public DateOnly? LastDay { get; set; }

        [Required(ErrorMessage = "Required")]
        [StringLength(Resignation.MaxReasonLength, ErrorMessage = "TooLong")]
        public string? Reason { get; set; }
    }

    public async Task OnGetAsync()
    {
        await ReloadAsync();
        Input.LastDay = Earliest;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        var id = await resignations.SubmitAsync(new ResignationInput(Input.Reason, Input.LastDay));
        TempData["Flash"] = text["Submitted"].Value;
        return RedirectToPage("Details", new { id });
    }

    public async Task ReloadAsync()
    {
        NoticeDays = (await policies.InForceAsync()).Document.People.ResignationNoticeDays;
        Earliest = local.Today.AddDays(NoticeDays);
    }
}
