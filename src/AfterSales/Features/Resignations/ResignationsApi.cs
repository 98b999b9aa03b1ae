using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Features.People;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Resignations;

public sealed record SkillLevelChangeDto(int Id, int? FromLevel, int ToLevel, SkillLevelSource Source, string? Reason, string? Rule, string? Month,
    string? PolicyVersion, string? ByName, DateTimeOffset At);

public sealed record DepositEntryDto(int Id, DepositEntryKind Kind, decimal Amount, string Rule, string PolicyVersion, string Reason, int? Days, DateTimeOffset At);

public sealed record DepositLedgerDto(decimal MonthlySalary, decimal Balance, IReadOnlyList<DepositEntryDto> Entries);

public sealed record HandoverResult(int Moved, ResignationDetailsDto Details);

/// <summary>
/// People (HR-1…HR-3): skill-level history and the manager's change, the deposit ledger, resignations and the handover.
/// A person's records are read by whoever may read the person (SEC-2: themself, their region's managers, head office).
/// </summary>
public static class ResignationsApi
{
    public static IEndpointRouteBuilder MapResignationsApi(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/people").WithTags("People");
        people.MapGet("/{staffId:int}/skill-levels", async (int staffId, AppDbContext db, ClaimsPrincipal user) =>
        {
            await RequireReadableAsync(db, user, staffId);
            return TypedResults.Ok(await SkillHistoryAsync(db, staffId));
        });
        people.MapPost("/{staffId:int}/skill-level", async (int staffId, SkillLevelInput input, StaffService staff, AppDbContext db, ClaimsPrincipal user) =>
        {
            await RequireSkillEditorAsync(db, user, staffId);
            await staff.ChangeSkillLevelAsync(staffId, input, AccessScope.From(user));
            return TypedResults.Ok(await SkillHistoryAsync(db, staffId));
        });
        people.MapGet("/{staffId:int}/deposits", async (int staffId, AppDbContext db, ClaimsPrincipal user) =>
        {
            await RequireReadableAsync(db, user, staffId);
            return TypedResults.Ok(await DepositsAsync(db, staffId));
        });

        var api = people.MapGroup("/resignations");
        api.MapGet("/", async ([AsParameters] ResignationFilter filter, ResignationService service) => TypedResults.Ok(await service.ListAsync(filter)));
        api.MapGet("/{id:int}", async (int id, ResignationService service) => TypedResults.Ok(await service.DetailsAsync(id)));
        api.MapPost("/", async (ResignationInput input, ResignationService service) =>
        {
            var id = await service.SubmitAsync(input);
            return TypedResults.Created($"/api/people/resignations/{id}", new CreatedId(id));
        });
        api.MapPost("/{id:int}/decision", async (int id, ResignationDecision decision, ResignationService service) =>
        {
            await service.DecideAsync(id, decision);
            return TypedResults.Ok(await service.DetailsAsync(id));
        });
        api.MapGet("/{id:int}/held", async (int id, ResignationService service) => TypedResults.Ok((await service.DetailsAsync(id)).Held));
        api.MapGet("/{id:int}/colleagues", async (int id, ResignationService service) => TypedResults.Ok(await service.ColleaguesAsync(id)));
        api.MapPost("/{id:int}/handover", async (int id, HandoverInput input, ResignationService service) =>
        {
            var moved = await service.HandOverAsync(id, input);
            return TypedResults.Ok(new HandoverResult(moved, await service.DetailsAsync(id)));
        });
        api.MapPost("/{id:int}/signature", async (int id, HandoverSignature signature, ResignationService service) =>
        {
            await service.SignAsync(id, signature);
            return TypedResults.Ok(await service.DetailsAsync(id));
        });
        api.MapPost("/{id:int}/complete", async (int id, ResignationVersion body, ResignationService service) =>
        {
            await service.CompleteAsync(id, body.Version);
            return TypedResults.Ok(await service.GetAsync(id));
        });
        return app;
    }

    /// <summary>A person the caller may not read is a 404 (SEC-2).</summary>
    internal static async Task<Staff> RequireReadableAsync(AppDbContext db, ClaimsPrincipal user, int staffId) =>
        await db.Staff(AccessScope.From(user)).AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId) ?? throw new NotFoundException();

    /// <summary>HR-1: whoever manages staff, or the person's own manager (their region's manager or deputy).</summary>
    internal static async Task RequireSkillEditorAsync(AppDbContext db, ClaimsPrincipal user, int staffId)
    {
        var member = await RequireReadableAsync(db, user, staffId);
        if (!MayChangeSkill(AccessScope.From(user), member)) throw new ForbiddenException();
    }

    public static bool MayChangeSkill(AccessScope scope, Staff member) => ResignationService.MayDecide(scope, member);

    internal static Task<List<SkillLevelChangeDto>> SkillHistoryAsync(AppDbContext db, int staffId) =>
        db.SkillLevelChanges.AsNoTracking().Where(c => c.StaffId == staffId).OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new SkillLevelChangeDto(c.Id, c.FromLevel, c.ToLevel, c.Source, c.Reason, c.Rule, c.Month, c.PolicyVersion,
                db.Staff.Where(s => s.Id == c.ById).Select(s => s.Name).FirstOrDefault(), c.At))
            .ToListAsync();

    internal static async Task<DepositLedgerDto> DepositsAsync(AppDbContext db, int staffId)
    {
        var salary = await db.Staff.Where(s => s.Id == staffId).Select(s => s.MonthlySalary).SingleAsync();
        var entries = await db.DepositEntries.AsNoTracking().Where(d => d.StaffId == staffId).OrderBy(d => d.At).ThenBy(d => d.Id).ToListAsync();
        return new DepositLedgerDto(salary, DepositEntry.Balance(entries),
            [.. entries.Select(d => new DepositEntryDto(d.Id, d.Kind, d.Amount, d.Rule, d.PolicyVersion, d.Reason, d.Days, d.At))]);
    }
}
