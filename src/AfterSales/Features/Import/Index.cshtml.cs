using AfterSales.Domain;
using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Import;

/// <summary>Upload a file, choose what happens to bad rows, and read the row-by-row report.</summary>
[Authorize(Policy = Policies.Import)]
[RequestSizeLimit(ImportApi.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportApi.MaxRequestBytes)]
public sealed class IndexModel(ImportService imports) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ImportReport? Report { get; private set; }

    public sealed class InputModel
    {
        public string Kind { get; set; } = ImportKind.Staff.Slug();
        public string Mode { get; set; } = ImportNames.AllOrNothingSlug;
        public IFormFile? File { get; set; }
    }

    public void OnGet(string? kind)
    {
        if (ImportNames.ParseKind(kind) is { } chosen) Input.Kind = chosen.Slug();
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        var kind = ImportNames.ParseKind(Input.Kind)
            ?? throw new DomainException("ImportUnknownValue", Input.Kind, string.Join(", ", ImportNames.Kinds.Select(k => k.Slug()))) { Field = nameof(InputModel.Kind) };
        var mode = ImportNames.ParseMode(Input.Mode) ?? ImportMode.AllOrNothing;
        var (fileName, content) = await ImportService.ReadUploadAsync(Input.File, ct);
        Report = await imports.ImportAsync(kind, fileName, content, mode, ct);
    }
}
