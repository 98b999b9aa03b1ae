using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AfterSales.Data;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Admin.Users;

[Authorize(Policy = Policies.ManageUsers)]
public sealed class CreateModel(AppDbContext db, AccountService accounts, IStringLocalizer<AdminText> text,
    IStringLocalizer<ErrorText> errors) : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<SelectListItem> Staff { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required")]
        public int? StaffId { get; set; }

        [Required(ErrorMessage = "Required")]
        [StringLength(256, ErrorMessage = "TooLong")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        [DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task OnGetAsync(int? staffId)
    {
        Input.StaffId = staffId;
        await ReloadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            try
            {
                var id = await accounts.CreateAsync(new CreateAccountRequest(Input.StaffId, Input.UserName, Input.Password, Input.ConfirmPassword));
                TempData["Flash"] = text["AccountCreated"].Value;
                return RedirectToPage("Account", new { id });
            }
            catch (AccountRulesException refused)
            {
                foreach (var (field, messages) in refused.Messages(errors))
                    foreach (var message in messages) ModelState.AddModelError(field.Length == 0 ? "" : $"Input.{field}", message);
            }
        }
        await ReloadAsync();
        return Page();
    }

    /// <summary>Active staff who have no account yet.</summary>
    public async Task ReloadAsync()
    {
        var candidates = await db.Staff.AsNoTracking()
            .Where(s => s.IsActive && !db.Users.Any(u => u.StaffId == s.Id))
            .OrderBy(s => s.StaffNumber)
            .Select(s => new { s.Id, s.Name, s.StaffNumber, s.Phone })
            .ToListAsync();
        Staff = candidates.Select(s => new SelectListItem($"{s.Name} ({s.StaffNumber}) · {s.Phone}", s.Id.ToString(CultureInfo.InvariantCulture))).ToList();
    }
}
