using System.ComponentModel.DataAnnotations;
using AfterSales.Data;
using AfterSales.Domain.Audit;
using AfterSales.Features.Audit;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Admin.Users;

/// <summary>One account: its state, unlock, a new password, and its history.</summary>
[Authorize(Policy = Policies.ManageUsers)]
public sealed class AccountModel(AppDbContext db, AccountService accounts, IStringLocalizer<AdminText> text,
    IStringLocalizer<ErrorText> errors) : PageModel, IReloadsOnError
{
    public AccountDto Account { get; private set; } = null!;

    public List<AuditEntry> History { get; private set; } = [];

    /// <summary>The new-password form (the unlock form has no fields).</summary>
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        [DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = "";
    }

    public Task OnGetAsync(string id) => LoadAsync(id);

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        await accounts.UnlockAsync(id);
        TempData["Flash"] = text["Unlocked"].Value;
        return RedirectToPage("Account", new { id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await accounts.ResetPasswordAsync(id, new ResetPasswordRequest(Input.Password, Input.ConfirmPassword));
                TempData["Flash"] = text["PasswordReset"].Value;
                return RedirectToPage("Account", new { id });
            }
            catch (AccountRulesException refused)
            {
                foreach (var (field, messages) in refused.Messages(errors))
                    foreach (var message in messages) ModelState.AddModelError(field.Length == 0 ? "" : $"Input.{field}", message);
            }
        }
        await LoadAsync(id);
        return Page();
    }

    public Task ReloadAsync() => LoadAsync((string)RouteData.Values["id"]!);

    private async Task LoadAsync(string id)
    {
        Account = await accounts.GetAsync(id);
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(AppUser) && a.EntityId == id)
            .OrderByDescending(a => a.Sequence)
            .Take(HistoryViewComponent.Shown)
            .ToListAsync();
    }
}
