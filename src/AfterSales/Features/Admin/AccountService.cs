using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Admin;

public sealed record AccountDto(string Id, string UserName, int StaffId, string StaffNumber, string StaffName,
    StaffRole Role,
    string? RegionName, bool StaffActive, DateTimeOffset? LockedOutUntil, int AccessFailedCount);

public sealed record CreateAccountRequest(int? StaffId, string? UserName, string? Password, string? ConfirmPassword = null);

public sealed record ResetPasswordRequest(string? Password, string? ConfirmPassword = null);

/// <summary>
/// Identity refused an account change. Carries every reason (a weak password breaks several rules at once),
/// each as an ErrorText code on a field; as a <see cref="DomainException"/> it reads as its first reason.
/// </summary>
public sealed class AccountRulesException : DomainException
{
    public AccountRulesException(IReadOnlyList<Reason> reasons) : base(reasons[0].Code, reasons[0].Arguments)
    {
        Reasons = reasons;
        Field = reasons[0].Field;
    }

    public sealed record Reason(string? Field, string Code, object[] Arguments);

    public IReadOnlyList<Reason> Reasons { get; }

    /// <summary>The messages in the request's language, by field ("" for the form as a whole).</summary>
    public Dictionary<string, string[]> Messages(IStringLocalizer<ErrorText> text) =>
        Reasons.GroupBy(r => r.Field ?? "").ToDictionary(g => g.Key, g => g.Select(r => text[r.Code, r.Arguments].Value).ToArray());
}

/// <summary>
/// Log-in accounts (SEC-1): one per staff member, created, unlocked and given a new password by administrators.
/// Used by the admin pages and the admin API. Every change is an AppUser change, so the audit trail records
/// it; password hashes and security stamps are never copied there.
/// </summary>
public sealed class AccountService(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, IOptions<IdentityOptions> identity)
{
    public async Task<Paged<AccountDto>> ListAsync(string? search, int page, int pageSize = Paged<AccountDto>.DefaultPageSize)
    {
        var rows = await Paged<AccountRow>.FromAsync(Query(search), page, pageSize);
        var now = clock.GetUtcNow();
        return new Paged<AccountDto>(rows.Items.Select(r => r.ToDto(now)).ToList(), rows.Page, rows.PageSize, rows.Total);
    }

    public async Task<AccountDto> GetAsync(string id) =>
        (await Query(null, id).SingleOrDefaultAsync() ?? throw new NotFoundException("AccountNotFound")).ToDto(clock.GetUtcNow());

    public async Task<string> CreateAsync(CreateAccountRequest request)
    {
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.StaffId)
            ?? throw new DomainException("StaffNotFound") { Field = nameof(CreateAccountRequest.StaffId) };
        if (!staff.IsActive) throw new DomainException("StaffInactive") { Field = nameof(CreateAccountRequest.StaffId) };
        if (await db.Users.AnyAsync(u => u.StaffId == staff.Id))
            throw new DomainException("StaffHasAccount") { Field = nameof(CreateAccountRequest.StaffId) };
        var userName = (request.UserName ?? "").Trim();
        if (userName.Length == 0) throw new DomainException("Required") { Field = nameof(CreateAccountRequest.UserName) };
        // Log-in looks up user names first: a user name that is a phone number would capture that phone's owner.
        if (ChinesePhone.TryNormalizeMobile(userName) is not null)
            throw new DomainException("UserNameIsPhone") { Field = nameof(CreateAccountRequest.UserName) };
        var password = request.Password ?? "";
        CheckConfirmation(password, request.ConfirmPassword);

        var user = new AppUser { UserName = userName, PhoneNumber = staff.Phone, StaffId = staff.Id };
        // Validate name and password together, so the person sees every problem at once.
        var errors = new List<IdentityError>();
        foreach (var validator in users.UserValidators) errors.AddRange((await validator.ValidateAsync(users, user)).Errors);
        foreach (var validator in users.PasswordValidators) errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        if (errors.Count > 0) throw Refused(errors, userName);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) throw Refused(created.Errors, userName);
        return user.Id;
    }

    /// <summary>A new password ends the person's other sessions (Identity renews the security stamp).</summary>
    public async Task ResetPasswordAsync(string id, ResetPasswordRequest request)
    {
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException("AccountNotFound");
        var password = request.Password ?? "";
        CheckConfirmation(password, request.ConfirmPassword);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded) throw Refused(reset.Errors, user.UserName ?? "");
    }

    public async Task UnlockAsync(string id)
    {
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException("AccountNotFound");
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded) throw Refused(saved.Errors, user.UserName ?? "");
    }

    private static void CheckConfirmation(string password, string? confirmation)
    {
        if (password.Length == 0) throw new DomainException("Required") { Field = nameof(CreateAccountRequest.Password) };
        if (confirmation is not null && confirmation != password)
            throw new DomainException("PasswordsDoNotMatch") { Field = nameof(CreateAccountRequest.ConfirmPassword) };
    }

    private AccountRulesException Refused(IEnumerable<IdentityError> errors, string userName)
    {
        var password = identity.Value.Password;
        var reasons = errors.Select(e => e.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => new AccountRulesException.Reason("Password", "Identity.PasswordTooShort", [password.RequiredLength]),
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => new("Password", "Identity.PasswordRequiresUniqueChars", [password.RequiredUniqueChars]),
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) or nameof(IdentityErrorDescriber.PasswordRequiresLower)
                or nameof(IdentityErrorDescriber.PasswordRequiresUpper) or nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric)
                => new("Password", "Identity." + e.Code, []),
            nameof(IdentityErrorDescriber.DuplicateUserName) => new("UserName", "UserNameTaken", [userName]),
            nameof(IdentityErrorDescriber.InvalidUserName) => new("UserName", "Identity.InvalidUserName", []),
            nameof(IdentityErrorDescriber.ConcurrencyFailure) => new(null, "ConcurrentEdit", []),
            _ => new AccountRulesException.Reason(null, "Identity.DefaultError", []),
        }).DistinctBy(r => (r.Field, r.Code)).ToList();
        if (reasons.Count == 0) reasons.Add(new(null, "Identity.DefaultError", []));
        return new AccountRulesException(reasons);
    }

    private IQueryable<AccountRow> Query(string? search, string? id = null)
    {
        var rows = from u in db.Users.AsNoTracking()
                   join s in db.Staff.AsNoTracking() on u.StaffId equals s.Id
                   select new { User = u, Staff = s };
        if (id is not null) rows = rows.Where(r => r.User.Id == id);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var upper = text.ToUpperInvariant();
            var digits = People.StaffApi.PhoneFragment(text);
            var byPhone = digits is not null;
            digits ??= "";
            rows = rows.Where(r => r.User.UserName!.Contains(text) || r.Staff.Name.Contains(text) || r.Staff.StaffNumber.Contains(upper)
                || (byPhone && r.Staff.Phone.Contains(digits)));
        }
        return rows.OrderBy(r => r.User.UserName).Select(r => new AccountRow(r.User.Id, r.User.UserName ?? "", r.Staff.Id,
            r.Staff.StaffNumber, r.Staff.Name, r.Staff.Role,
            db.Regions.Where(g => g.Id == r.Staff.RegionId).Select(g => g.Name).FirstOrDefault(), r.Staff.IsActive,
            r.User.LockoutEnd, r.User.AccessFailedCount));
    }

    private sealed record AccountRow(string Id, string UserName, int StaffId, string StaffNumber, string StaffName, StaffRole Role, string? RegionName, bool StaffActive, DateTimeOffset? LockoutEnd, int AccessFailedCount)
    {
        public AccountDto ToDto(DateTimeOffset now) => new(Id, UserName, StaffId, StaffNumber, StaffName, Role, RegionName, StaffActive,
            LockoutEnd > now ? LockoutEnd : null, AccessFailedCount);
    }
}
