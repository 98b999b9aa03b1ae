using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Admin.Users;

[Authorize(Policy = Policies.ManageUsers)]
public sealed class IndexModel(AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<AccountDto> Accounts { get; private set; } = null!;

    public async Task OnGetAsync() => Accounts = await accounts.ListAsync(Q, PageNumber);
}
