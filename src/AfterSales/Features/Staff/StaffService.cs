using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.People;
using AfterSales.Features.Assessment;
using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.People;

/// <summary>
/// Creating and changing staff members, shared by the pages and the API so both apply the same rules:
/// unique staff number and phone, a manager who is an active colleague (and no reporting loops), and
/// always one active administrator left.
/// </summary>
public sealed class StaffService(AppDbContext db, UserManager<AppUser> users, PolicyBook policies, TimeProvider clock)
{
    public const int MaxStaffNumberLength = 20;
    public const int MaxNameLength = 100;

    public async Task<StaffDto> GetAsync(AccessScope scope, int id) =>
        await StaffApi.Query(db, scope, StaffFilter.None with { Id = id }).SingleOrDefaultAsync() ?? throw new NotFoundException();

    /// <summary>Creates (<paramref name="id"/> null) or changes a staff member. Only an administrator
    /// <paramref name="actor"/> may make someone an administrator or take that role away.</summary>
    public async Task<int> SaveAsync(int? id, StaffInput input, AccessScope actor)
    {
        var role = ParseRole(input.Role);
        var name = (input.Name ?? "").Trim();
        if (name.Length > MaxNameLength) throw new DomainException("TextTooLong", MaxNameLength) { Field = nameof(StaffInput.Name) };
        var phone = ChinesePhone.NormalizeMobile(input.Phone ?? "", nameof(StaffInput.Phone));
        if (await db.Staff.AnyAsync(s => s.Phone == phone && s.Id != id))
            throw new DomainException("PhoneTaken", phone) { Field = nameof(StaffInput.Phone) };
        if (input.RegionId is { } regionId && !await db.Regions.AnyAsync(r => r.Id == regionId))
            throw new DomainException("RegionDoesNotExist") { Field = nameof(StaffInput.RegionId) };
        var hireDate = input.HireDate ?? throw new DomainException("Required") { Field = nameof(StaffInput.HireDate) };

        Staff staff;
        if (id is null)
        {
            var number = (input.StaffNumber ?? "").Trim().ToUpperInvariant();
            if (number.Length > MaxStaffNumberLength)
                throw new DomainException("TextTooLong", MaxStaffNumberLength) { Field = nameof(StaffInput.StaffNumber) };
            if (number.Length > 0 && await db.Staff.AnyAsync(s => s.StaffNumber == number))
                throw new DomainException("StaffNumberTaken", number) { Field = nameof(StaffInput.StaffNumber) };
            GuardAdministratorRole(actor, null, role);
            staff = new Staff(number, name, phone, role, input.RegionId, hireDate);
            db.Staff.Add(staff);
        }
        else
        {
            staff = await db.Staff.Include(s => s.Deposits).SingleOrDefaultAsync(s => s.Id == id) ?? throw new NotFoundException();
            db.ExpectVersion(staff, input.Version);
            GuardAdministratorRole(actor, staff.Role, role);
            await KeepOneAdministratorAsync(staff, role, staff.IsActive);
            staff.Update(name, phone, role, input.RegionId);
            staff.ChangeHireDate(hireDate);
        }
        var now = clock.GetUtcNow();
        if (input.SkillLevel is { } level) staff.SetSkillLevel(level, input.SkillLevelReason, actor.StaffId, now);
        if (input.MonthlySalary is { } salary) staff.SetMonthlySalary(salary);
        // HR-2: one month's salary held when the person starts (or when their salary is first known).
        var policy = await policies.InForceAsync();
        staff.HoldDeposit(policy.Document.People.DepositMonths, policy.Version, now);
        staff.ReportTo(input.ManagerId);
        await CheckManagerAsync(staff.Id, input.ManagerId);

        // The account's copy of the phone number follows the staff record (log-in by phone reads the staff record).
        var user = id is null ? null : await db.Users.SingleOrDefaultAsync(u => u.StaffId == id);
        if (user is not null && user.PhoneNumber != phone) user.PhoneNumber = phone;

        // Role and region reach the person's open sessions at the next security-stamp validation (at most a
        // minute), when the claims are rebuilt from this record. Changing the stamp here would instead sign
        // them out, which a promotion does not call for.
        await db.SaveChangesAsync();
        return staff.Id;
    }

    /// <summary>HR-1: a manager changes a person's skill level, with a reason; the history keeps it.</summary>
    public async Task ChangeSkillLevelAsync(int id, SkillLevelInput input, AccessScope actor)
    {
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Id == id) ?? throw new NotFoundException();
        db.ExpectVersion(staff, input.Version);
        if (input.Level is not { } level) throw new DomainException("Required") { Field = nameof(SkillLevelInput.Level) };
        if (level == staff.SkillLevel) throw new DomainException("SkillLevelUnchanged") { Field = nameof(SkillLevelInput.Level) };
        staff.SetSkillLevel(level, input.Reason, actor.StaffId, clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    /// <summary>Deactivating also ends the person's sessions (their security stamp changes), so a cookie is no way back in.</summary>
    public async Task SetActiveAsync(int id, bool active, int version, AccessScope actor)
    {
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Id == id) ?? throw new NotFoundException();
        db.ExpectVersion(staff, version);
        if (staff.IsActive == active) return;
        if (staff.Role == StaffRole.Administrator && actor.Role != StaffRole.Administrator)
            throw new DomainException("AdministratorRoleByAdministrator");
        if (active)
        {
            staff.Reactivate();
            await db.SaveChangesAsync();
            return;
        }
        if (id == actor.StaffId) throw new DomainException("CannotDeactivateSelf");
        await KeepOneAdministratorAsync(staff, staff.Role, active: false);
        staff.Deactivate();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        if (await db.Users.SingleOrDefaultAsync(u => u.StaffId == id) is { } user)
        {
            var ended = await users.UpdateSecurityStampAsync(user);
            if (!ended.Succeeded) throw new ConflictException();
        }
        await transaction.CommitAsync();
    }

    internal static StaffRole ParseRole(string? role)
    {
        if (string.IsNullOrWhiteSpace(role)) throw new DomainException("Required") { Field = nameof(StaffInput.Role) };
        return TryParseRole(role) ?? throw new DomainException("InvalidRole", role) { Field = nameof(StaffInput.Role) };
    }

    /// <summary>A role by its name (numbers are refused: the API speaks names only).</summary>
    internal static StaffRole? TryParseRole(string? role) =>
        !string.IsNullOrWhiteSpace(role) && !char.IsDigit(role.Trim()[0]) && Enum.TryParse<StaffRole>(role.Trim(), ignoreCase: true, out var parsed)
            && Enum.IsDefined(parsed) ? parsed : null;

    private async Task CheckManagerAsync(int staffId, int? managerId)
    {
        if (managerId is null) return;
        if (!await db.Staff.AnyAsync(s => s.Id == managerId && s.IsActive))
            throw new DomainException("StaffNotFound") { Field = nameof(StaffInput.ManagerId) };
        if (staffId == 0) return;
        // Nobody may end up (indirectly) managing their own manager.
        var seen = new HashSet<int>();
        for (int? current = managerId; current is { } c && seen.Add(c);)
        {
            if (c == staffId) throw new DomainException("ManagerCycle") { Field = nameof(StaffInput.ManagerId) };
            current = await db.Staff.Where(s => s.Id == c).Select(s => s.ManagerId).SingleOrDefaultAsync();
        }
    }

    /// <summary>Account administration is the administrators' own (SEC-1): the GM manages staff, but does not hand it out.</summary>
    private static void GuardAdministratorRole(AccessScope actor, StaffRole? before, StaffRole after)
    {
        if (before == after || (before != StaffRole.Administrator && after != StaffRole.Administrator)) return;
        if (actor.Role != StaffRole.Administrator)
            throw new DomainException("AdministratorRoleByAdministrator") { Field = nameof(StaffInput.Role) };
    }

    /// <summary>Someone must still be able to administer accounts after this change.</summary>
    private async Task KeepOneAdministratorAsync(Staff staff, StaffRole newRole, bool active)
    {
        if (staff.Role != StaffRole.Administrator || !staff.IsActive || (newRole == StaffRole.Administrator && active)) return;
        var another = await db.Staff.AnyAsync(s => s.Id != staff.Id && s.IsActive && s.Role == StaffRole.Administrator
            && db.Users.Any(u => u.StaffId == s.Id));
        if (!another) throw new DomainException("LastAdministrator") { Field = active ? nameof(StaffInput.Role) : null };
    }
}
