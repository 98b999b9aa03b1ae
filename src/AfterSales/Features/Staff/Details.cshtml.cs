using System.Globalization;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.People;

[Authorize(Policy = Policies.ViewStaff)]
public sealed class DetailsModel(AppDbContext db, StaffService staff, IAuthorizationService authorization, TimeProvider clock,
    IStringLocalizer<StaffText> text) : PageModel, IReloadsOnError
{
    public StaffDto Member { get; private set; } = null!;

    public List<StaffDto> Subordinates { get; private set; } = [];

    public AccountInfo? Account { get; private set; }

    public bool CanEdit { get; private set; }

    public bool CanManageAccounts { get; private set; }

    /// <summary>HR-1: the skill level's history, newest first, and whether the caller may change the level.</summary>
    public List<Resignations.SkillLevelChangeDto> SkillHistory { get; private set; } = [];

    public bool MayChangeSkill { get; private set; }

    /// <summary>HR-2: the deposit ledger.</summary>
    public Resignations.DepositLedgerDto Deposits { get; private set; } = null!;

    /// <summary>HR-2: the person's latest resignation, when the reader may open it.</summary>
    public (int Id, Domain.People.ResignationState State, DateOnly LastDay)? Resignation { get; private set; }

    [BindProperty]
    public SkillInputModel Input { get; set; } = new();

    public sealed class SkillInputModel
    {
        public int? Level { get; set; }
        public string? SkillLevelReason { get; set; }
        public int Version { get; set; }
    }

    public sealed record AccountInfo(string Id, string UserName, DateTimeOffset? LockedOutUntil, int FailedCount,
        DateTimeOffset? LastChangeAt, string? LastChangeBy);

    public async Task OnGetAsync(int id) => await LoadAsync(id);

    public Task<IActionResult> OnPostDeactivateAsync(int id, int version) => SetActiveAsync(id, false, version);

    public Task<IActionResult> OnPostReactivateAsync(int id, int version) => SetActiveAsync(id, true, version);

    /// <summary>HR-1: a manager changes the level with a reason; the history shows it.</summary>
    public async Task<IActionResult> OnPostSkillLevelAsync(int id)
    {
        await Resignations.ResignationsApi.RequireSkillEditorAsync(db, User, id);
        await staff.ChangeSkillLevelAsync(id, new SkillLevelInput(Input.Level, Input.SkillLevelReason, Input.Version), AccessScope.From(User));
        TempData["Flash"] = text["SkillLevelChanged"].Value;
        return RedirectToPage("Details", new { id });
    }

    public Task ReloadAsync() => LoadAsync(int.Parse((string)RouteData.Values["id"]!, CultureInfo.InvariantCulture));

    private async Task<IActionResult> SetActiveAsync(int id, bool active, int version)
    {
        var scope = AccessScope.From(User);
        var member = await db.Staff(scope).SingleOrDefaultAsync(s => s.Id == id) ?? throw new NotFoundException();
        if (!(await authorization.AuthorizeAsync(User, member, Operations.Edit)).Succeeded) return Forbid();
        await staff.SetActiveAsync(id, active, version, scope);
        TempData["Flash"] = text[active ? "Reactivated" : "Deactivated"].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task LoadAsync(int id)
    {
        var scope = AccessScope.From(User);
        Member = await staff.GetAsync(scope, id);
        CanEdit = Policies.Allows(Policies.ManageStaff, scope.Role);
        CanManageAccounts = Policies.Allows(Policies.ManageUsers, scope.Role);
        SkillHistory = await Resignations.ResignationsApi.SkillHistoryAsync(db, id);
        Deposits = await Resignations.ResignationsApi.DepositsAsync(db, id);
        var resignation = await Resignations.ResignationService.Visible(db, scope).AsNoTracking().Where(r => r.StaffId == id)
            .OrderByDescending(r => r.SubmittedAt).Select(r => new { r.Id, r.State, r.LastDay }).FirstOrDefaultAsync();
        Resignation = resignation is null ? null : (resignation.Id, resignation.State, resignation.LastDay);
        var person = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == id);
        MayChangeSkill = Member.IsActive && Resignations.ResignationsApi.MayChangeSkill(scope, person);
        Input.Level ??= Member.SkillLevel;
        Input.Version = Member.Version;
        ModelState.Remove("Input.Version");
        Subordinates = await StaffApi.Query(db, scope, StaffFilter.None with { ManagerId = id }).ToListAsync();
        var user = await db.Users.AsNoTracking().Where(u => u.StaffId == id)
            .Select(u => new { u.Id, u.UserName, u.LockoutEnd, u.AccessFailedCount }).SingleOrDefaultAsync();
        if (user is not null)
        {
            var last = await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(AppUser) && a.EntityId == user.Id)
                .OrderByDescending(a => a.Sequence)
                .Select(a => new { a.At, a.Actor })
                .FirstOrDefaultAsync();
            var lockedOut = user.LockoutEnd > clock.GetUtcNow() ? user.LockoutEnd : null;
            Account = new AccountInfo(user.Id, user.UserName ?? "", lockedOut, user.AccessFailedCount, last?.At, last?.Actor);
        }
    }
}
