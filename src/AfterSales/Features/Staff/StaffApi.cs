using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.People;

public sealed record StaffDto(int Id, string StaffNumber, string Name, string Phone,
    StaffRole Role,
    int? RegionId, string? RegionName, int? ManagerId, string? ManagerName, int SkillLevel, DateOnly HireDate,
    bool IsActive, bool HasAccount, string? UserName, int Version, decimal MonthlySalary = 0);

/// <summary>A staff member as the API and the form send it. <see cref="Role"/> is the role's name, e.g. "Technician".</summary>
public sealed record StaffInput(string? StaffNumber, string? Name, string? Phone, string? Role, int? RegionId, int? ManagerId,
    int? SkillLevel, DateOnly? HireDate, int Version = 0, decimal? MonthlySalary = null, string? SkillLevelReason = null);

/// <summary>HR-1: a manager's change of level, with the reason (required).</summary>
public sealed record SkillLevelInput(int? Level, string? Reason, int Version);

public sealed record StaffVersion(int Version);

public sealed record StaffFilter(string? Q, StaffRole? Role, int? RegionId, bool? Active)
{
    public static readonly StaffFilter None = new(null, null, null, null);

    /// <summary>Only this staff member (a filter, because nothing can be filtered once projected to the DTO).</summary>
    public int? Id { get; init; }

    /// <summary>Only this person's direct reports.</summary>
    public int? ManagerId { get; init; }
}

/// <summary>
/// Staff master data. Everyone signed in may read the staff they can see (SEC-2: a technician only themself,
/// a manager their region, head office everyone); administrators and the GM change it.
/// </summary>
public static class StaffApi
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/staff").WithTags("Staff");
        api.MapGet("/", async (AppDbContext db, ClaimsPrincipal user, string? q, string? role, int? regionId, bool? active,
            int page = 1, int pageSize = Paged<StaffDto>.DefaultPageSize) =>
        {
            var roleFilter = string.IsNullOrWhiteSpace(role) ? (StaffRole?)null
                : StaffService.TryParseRole(role) ?? throw new DomainException("InvalidRole", role) { Field = "role" };
            var filter = new StaffFilter(q, roleFilter, regionId, active);
            return TypedResults.Ok(await Paged<StaffDto>.FromAsync(Query(db, AccessScope.From(user), filter), page, pageSize));
        });
        api.MapGet("/{id:int}", async (int id, StaffService staff, ClaimsPrincipal user) =>
            TypedResults.Ok(await staff.GetAsync(AccessScope.From(user), id)));
        api.MapPost("/", async (StaffInput input, StaffService staff, ClaimsPrincipal user) =>
        {
            var id = await staff.SaveAsync(null, input, AccessScope.From(user));
            return TypedResults.Created($"/api/staff/{id}", await staff.GetAsync(AccessScope.From(user), id));
        }).RequireAuthorization(Policies.ManageStaff);
        api.MapPut("/{id:int}", async (int id, StaffInput input, StaffService staff, ClaimsPrincipal user) =>
        {
            await staff.SaveAsync(id, input, AccessScope.From(user));
            return TypedResults.Ok(await staff.GetAsync(AccessScope.From(user), id));
        }).RequireAuthorization(Policies.ManageStaff);
        api.MapPost("/{id:int}/deactivate", (int id, StaffVersion body, StaffService staff, ClaimsPrincipal user) =>
            SetActiveAsync(id, false, body, staff, user)).RequireAuthorization(Policies.ManageStaff);
        api.MapPost("/{id:int}/reactivate", (int id, StaffVersion body, StaffService staff, ClaimsPrincipal user) =>
            SetActiveAsync(id, true, body, staff, user)).RequireAuthorization(Policies.ManageStaff);
        return app;
    }

    private static async Task<Ok<StaffDto>> SetActiveAsync(int id, bool active, StaffVersion body, StaffService staff, ClaimsPrincipal user)
    {
        var scope = AccessScope.From(user);
        await staff.SetActiveAsync(id, active, body.Version, scope);
        return TypedResults.Ok(await staff.GetAsync(scope, id));
    }

    /// <summary>The staff the person may see (<see cref="ScopedQueries.Staff"/>), filtered, ordered by staff number.</summary>
    internal static IQueryable<StaffDto> Query(AppDbContext db, AccessScope scope, StaffFilter filter)
    {
        var staff = db.Staff(scope).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim();
            var upper = text.ToUpperInvariant();
            var digits = PhoneFragment(text);
            var byPhone = digits is not null;
            digits ??= "";
            staff = staff.Where(s => s.StaffNumber.Contains(upper) || s.Name.Contains(text) || (byPhone && s.Phone.Contains(digits)));
        }
        if (filter.Role is { } role) staff = staff.Where(s => s.Role == role);
        if (filter.RegionId is { } region) staff = staff.Where(s => s.RegionId == region);
        if (filter.Active is { } active) staff = staff.Where(s => s.IsActive == active);
        if (filter.Id is { } id) staff = staff.Where(s => s.Id == id);
        if (filter.ManagerId is { } managerId) staff = staff.Where(s => s.ManagerId == managerId);
        return staff.OrderBy(s => s.StaffNumber).Select(s => new StaffDto(s.Id, s.StaffNumber, s.Name, s.Phone, s.Role,
            s.RegionId, db.Regions.Where(r => r.Id == s.RegionId).Select(r => r.Name).FirstOrDefault(),
            s.ManagerId, db.Staff.Where(m => m.Id == s.ManagerId).Select(m => m.Name).FirstOrDefault(),
            s.SkillLevel, s.HireDate, s.IsActive,
            db.Users.Any(u => u.StaffId == s.Id), db.Users.Where(u => u.StaffId == s.Id).Select(u => u.UserName).FirstOrDefault(),
            s.Version, s.MonthlySalary));
    }

    /// <summary>
    /// The digits of a search that looks like (part of) a phone number as people type it — spaces, dashes,
    /// +86 — to match the digits-only stored numbers; null for any other search (e.g. a staff number "S002").
    /// </summary>
    internal static string? PhoneFragment(string search)
    {
        if (!search.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')')) return null;
        var digits = new string(search.Where(char.IsAsciiDigit).ToArray());
        if (search.TrimStart().StartsWith('+') && digits.StartsWith("86", StringComparison.Ordinal)) digits = digits[2..];
        return digits.Length >= 3 ? digits : null;
    }
}
