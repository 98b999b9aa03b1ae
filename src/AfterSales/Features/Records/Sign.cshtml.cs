using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Records;

/// <summary>
/// REC-2 on the technician's phone: the customer reads the record, signs on the screen, names themselves and their
/// role and may rate the service. When the customer is not there, the technician sends the link by SMS instead.
/// </summary>
public sealed class SignModel(RecordService records, IStringLocalizer<RecordsText> text, LocalTime local) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public SignInputModel Input { get; set; } = new();

    public RecordDto Record { get; private set; } = null!;
    public bool MayWork { get; private set; }

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await records.SignAsync(Id, Input.ToInput());
        TempData["Flash"] = text["SignedThanks"].Value;
        return Redirect($"/Records/Sign/{Id}");
    }

    public async Task<IActionResult> OnPostLinkAsync()
    {
        var sent = await records.SendSigningLinkAsync(Id);
        TempData["Flash"] = text["LinkSent", local.ToLocal(sent.ExpiresAt).ToString("MM-dd HH:mm")].Value;
        return Redirect($"/Records/Sign/{Id}");
    }

    public async Task ReloadAsync()
    {
        Record = await records.GetAsync(Id);
        MayWork = await records.MayWorkAsync(Record.WorkOrderId);
    }
}
