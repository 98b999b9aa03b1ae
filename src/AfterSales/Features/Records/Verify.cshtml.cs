using AfterSales.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Records;

/// <summary>REC-3: the public check behind the QR code on the PDF — whether the stored record still matches what was signed.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PublicLinks)]
public sealed class VerifyModel(RecordService records) : PageModel
{
    public PublicVerifyDto? Result { get; private set; }

    public async Task OnGetAsync(string number, string hash)
    {
        Result = await records.VerifyPublicAsync(number, hash);
        if (Result is null) Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
