using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace AfterSales.Features.Records;

/// <summary>A record for the office: its content, signature, survey, hand-in, amendments (REC-3) and whether its hash still matches.</summary>
public sealed class DetailsModel(RecordService records, IStringLocalizer<RecordsText> text, LocalTime local) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public RecordDto Record { get; private set; } = null!;
    public VerifyDto Verification { get; private set; } = null!;
    public bool MayWork { get; private set; }
    public bool MayAcknowledge { get; private set; }

    /// <summary>A survey link just issued to show as a QR code (REC-2), with its picture as SVG markup.</summary>
    public SurveyCodeDto? SurveyCode { get; private set; }
    public string? SurveyCodeSvg { get; private set; }

    public sealed class InputModel
    {
        public string? Text { get; set; }
    }

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAmendAsync()
    {
        await records.AmendAsync(Id, new AmendmentInput(Input.Text));
        TempData["Flash"] = text["AmendmentAdded"].Value;
        return Redirect($"/Records/Details/{Id}");
    }

    public async Task<IActionResult> OnPostSurveyLinkAsync()
    {
        var sent = await records.SendSurveyLinkAsync(Id);
        TempData["Flash"] = text["LinkSent", local.ToLocal(sent.ExpiresAt).ToString("MM-dd HH:mm")].Value;
        return Redirect($"/Records/Details/{Id}");
    }

    /// <summary>Rendered, not redirected: the token exists only in this answer.</summary>
    public async Task<IActionResult> OnPostSurveyCodeAsync()
    {
        SurveyCode = await records.ShowSurveyCodeAsync(Id);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(SurveyCode.Url, QRCodeGenerator.ECCLevel.M);
        SurveyCodeSvg = new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync()
    {
        await records.AcknowledgeAsync(new AcknowledgeInput([Id]));
        TempData["Flash"] = text["Acknowledged"].Value;
        return Redirect($"/Records/Details/{Id}");
    }

    public async Task ReloadAsync()
    {
        Record = await records.GetAsync(Id);
        Verification = await records.VerifyAsync(Id);
        MayWork = await records.MayWorkAsync(Record.WorkOrderId);
        MayAcknowledge = records.MayAcknowledge();
    }
}
