using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.People;
using AfterSales.Domain.Scheduling;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Schedule;

/// <summary>
/// The roster (SCH-1) and the day-before confirmations (SCH-3), shared by the pages and the API. A person the caller
/// may not see is a 404 (a technician sees only themself, a manager their region); one they see but may not plan
/// is a 403. Planning — time off, working hours — is for the regional and head-office roles that take work orders.
/// </summary>
public sealed class ScheduleService(AppDbContext db, Availability availability, IHttpContextAccessor http, TimeProvider clock, LocalTime local)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user.");
    private AccessScope Scope => AccessScope.From(User);

    /// <summary>
    /// Who plans people's time: the roles that take work orders, except the stores (they sell, they do not run the
    /// technicians' week) and the read-only roles; and only for people of a region they see.
    /// </summary>
    public static bool MayManage(AccessScope scope, int? staffRegionId) =>
        MayPlan(scope) && (staffRegionId is null ? scope.SeesAllRegions : scope.SeesRegion(staffRegionId.Value));

    private static bool MayPlan(AccessScope scope) =>
        !scope.IsReadOnly && scope.Role != StaffRole.Store && Policies.Allows(Policies.TakeWorkOrders, scope.Role);

    // ---- Calendars ----------------------------------------------------------------------------------------------

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The week (Monday to Sunday) holding <paramref name="date"/>, today's by default; one row per technician.</summary>
    public async Task<WeekDto> WeekAsync(DateOnly? date, int? regionId, int? technicianId)
    {
        var monday = MondayOf(date ?? local.Today);
        var sunday = monday.AddDays(6);
        var scope = Scope;
        var people = await TechniciansAsync(regionId, technicianId);
        if (technicianId is not null && people.Count == 0) throw new NotFoundException();
        var days = await CalendarAsync(people, monday, sunday);
        var regions = await db.Regions.AsNoTracking()
            .Where(r => scope.SeesAllRegions || (!scope.SeesOnlyOwnWork && r.Id == scope.RegionId))
            .OrderBy(r => r.Code).Select(r => new RegionChoiceDto(r.Id, r.Code, r.Name)).ToListAsync();
        return new WeekDto(monday, sunday, regionId, regions, people.Select(p => new RosterRowDto(p, days[p.Id])).ToList());
    }

    /// <summary>One person's day, ordered: their hours or time off, and their visits by start. Yourself by default.</summary>
    public async Task<DayViewDto> DayAsync(DateOnly? date, int? staffId)
    {
        var day = date ?? local.Today;
        var person = await PersonAsync(staffId ?? Scope.StaffId);
        var calendar = await CalendarAsync([person], day, day);
        var technicians = Scope.SeesOnlyOwnWork ? [] : await TechniciansAsync(person.RegionId, null);
        return new DayViewDto(day, person, calendar[person.Id][0], technicians);
    }

    /// <summary>A person's availability on a local day (SCH-4 asks this before assigning).</summary>
    public async Task<DayAvailability> AvailabilityAsync(int staffId, DateOnly day)
    {
        await PersonAsync(staffId);
        return await availability.DayAsync(staffId, day);
    }

    public async Task<bool> IsWorkingAsync(int staffId, DateTimeOffset instant)
    {
        await PersonAsync(staffId);
        return await availability.IsWorkingAsync(staffId, instant);
    }

    /// <summary>A person the caller may see, or 404.</summary>
    public async Task<PersonDto> PersonAsync(int staffId)
    {
        var scope = Scope;
        var person = await People(db.Staff(scope).Where(s => s.Id == staffId)).SingleOrDefaultAsync() ?? throw new NotFoundException();
        return (await WithSkillsAsync([person]))[0];
    }

    /// <summary>The active technicians the caller sees, of one region if asked, by staff number.</summary>
    public async Task<List<PersonDto>> TechniciansAsync(int? regionId, int? technicianId)
    {
        var scope = Scope;
        var staff = db.Staff(scope).Where(s => s.IsActive && s.Role == StaffRole.Technician);
        if (regionId is not null) staff = staff.Where(s => s.RegionId == regionId);
        if (technicianId is not null) staff = staff.Where(s => s.Id == technicianId);
        return await WithSkillsAsync(await People(staff.OrderBy(s => s.StaffNumber)).ToListAsync());
    }

    private async Task<List<PersonDto>> WithSkillsAsync(List<PersonDto> people)
    {
        var scope = Scope;
        var ids = people.Select(p => p.Id).ToList();
        var skills = (await db.TechnicianSkills.AsNoTracking().Where(s => ids.Contains(s.StaffId)).OrderBy(s => s.Id).ToListAsync())
            .ToLookup(s => s.StaffId, s => s.Name);
        return people.Select(p => p with { Skills = skills[p.Id].ToList(), MayManage = MayManage(scope, p.RegionId) }).ToList();
    }

    private IQueryable<PersonDto> People(IQueryable<Staff> staff) =>
        staff.AsNoTracking().Select(s => new PersonDto(s.Id, s.Name, s.StaffNumber, s.Role, s.RegionId,
            db.Regions.Where(r => r.Id == s.RegionId).Select(r => r.Name).FirstOrDefault(), s.SkillLevel, Array.Empty<string>(), false));

    private async Task<Dictionary<int, List<DayDto>>> CalendarAsync(IReadOnlyCollection<PersonDto> people, DateOnly from, DateOnly to)
    {
        var ids = people.Select(p => p.Id).ToList();
        var roster = await availability.DaysAsync(ids, from, to);
        var start = availability.StartOf(from);
        var end = availability.StartOf(to.AddDays(1));
        var visits = await db.WorkOrders(Scope).AsNoTracking()
            .Where(w => w.TechnicianId != null && ids.Contains(w.TechnicianId.Value) && w.AppointmentStart >= start && w.AppointmentStart < end
                && w.State != WorkOrderState.Cancelled)
            .OrderBy(w => w.AppointmentStart)
            .Select(w => new AppointmentDto(w.Id, "", w.Kind, w.State, w.TechnicianId,
                db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First(),
                db.Sites.Where(s => s.Id == w.SiteId).Select(s => s.Address).First(),
                w.AppointmentStart!.Value, w.AppointmentEnd!.Value, w.NeedsDayBeforeConfirmation,
                !w.NeedsDayBeforeConfirmation || w.DayBeforeConfirmedAt != null))
            .ToListAsync();
        var byDay = visits.Select(v => v with { Number = $"WO{v.WorkOrderId:000000}" })
            .ToLookup(v => (v.TechnicianId!.Value, availability.DayOf(v.Start)));
        return roster.ToDictionary(r => r.Key, r => r.Value.Select(d => new DayDto(d.Date, d.IsWorking, d.Hours?.Start, d.Hours?.End,
            d.OwnPattern, d.TimeOff, d.TimeOffId, byDay[(r.Key, d.Date)].OrderBy(v => v.Start).ToList())).ToList());
    }

    // ---- Time off -----------------------------------------------------------------------------------------------

    public Task<Paged<TimeOffDto>> ListTimeOffAsync(TimeOffFilter filter, int page, int pageSize = Paged<TimeOffDto>.DefaultPageSize)
    {
        var visible = db.Staff(Scope);
        var blocks = db.TimeOff.AsNoTracking().Where(t => visible.Any(s => s.Id == t.StaffId));
        if (filter.StaffId is { } staffId) blocks = blocks.Where(t => t.StaffId == staffId);
        if (filter.RegionId is { } regionId) blocks = blocks.Where(t => db.Staff.Any(s => s.Id == t.StaffId && s.RegionId == regionId));
        if (filter.From is { } from) blocks = blocks.Where(t => t.LastDay >= from);
        if (filter.To is { } to) blocks = blocks.Where(t => t.FirstDay <= to);
        if (filter.Kind is { } kind) blocks = blocks.Where(t => t.Kind == kind);
        return Paged<TimeOffDto>.FromAsync(ProjectTimeOff(blocks.OrderBy(t => t.FirstDay).ThenBy(t => t.Id)), page, pageSize);
    }

    public async Task<TimeOffDto> GetTimeOffAsync(int id)
    {
        var block = await db.TimeOff.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id) ?? throw new NotFoundException();
        await PersonAsync(block.StaffId);
        return await ProjectTimeOff(db.TimeOff.Where(t => t.Id == id)).SingleAsync();
    }

    public async Task<int> AddTimeOffAsync(TimeOffInput input)
    {
        await RequireManageAsync(input.StaffId, nameof(TimeOffInput.StaffId));
        var block = new TimeOff(input.StaffId, input.Kind, input.FirstDay, input.LastDay, input.Note, Scope.StaffId, clock.GetUtcNow());
        await CheckOverlapAsync(block);
        db.TimeOff.Add(block);
        await db.SaveChangesAsync();
        return block.Id;
    }

    public async Task ChangeTimeOffAsync(int id, TimeOffInput input)
    {
        var block = await LoadTimeOffAsync(id);
        if (input.StaffId != 0 && input.StaffId != block.StaffId) throw new DomainException("TimeOffPersonFixed") { Field = nameof(TimeOffInput.StaffId) };
        db.ExpectVersion(block, input.Version);
        block.Change(input.Kind, input.FirstDay, input.LastDay, input.Note);
        await CheckOverlapAsync(block);
        await db.SaveChangesAsync();
    }

    public async Task RemoveTimeOffAsync(int id, int version)
    {
        var block = await LoadTimeOffAsync(id);
        db.ExpectVersion(block, version);
        db.TimeOff.Remove(block);
        await db.SaveChangesAsync();
    }

    private async Task<TimeOff> LoadTimeOffAsync(int id)
    {
        var block = await db.TimeOff.SingleOrDefaultAsync(t => t.Id == id) ?? throw new NotFoundException();
        await RequireManageAsync(block.StaffId, null);
        return block;
    }

    private async Task CheckOverlapAsync(TimeOff block)
    {
        var others = await db.TimeOff.AsNoTracking()
            .Where(t => t.StaffId == block.StaffId && t.Id != block.Id && t.FirstDay <= block.LastDay && t.LastDay >= block.FirstDay)
            .ToListAsync();
        TimeOffMustNotOverlapRule.Check(block.FirstDay, block.LastDay, others);
    }

    private IQueryable<TimeOffDto> ProjectTimeOff(IQueryable<TimeOff> blocks) =>
        blocks.Select(t => new TimeOffDto(t.Id, t.StaffId, db.Staff.Where(s => s.Id == t.StaffId).Select(s => s.Name).First(), t.Kind,
            t.FirstDay, t.LastDay, t.Note, t.CreatedById, db.Staff.Where(s => s.Id == t.CreatedById).Select(s => s.Name).First(), t.CreatedAt,
            t.Version));

    // ---- Working hours ------------------------------------------------------------------------------------------

    public async Task<WorkingHoursDto> GetWorkingHoursAsync(int staffId)
    {
        var person = await PersonAsync(staffId);
        var own = await db.WorkingHours.AsNoTracking().Where(w => w.StaffId == staffId).ToListAsync();
        var days = Week.Select(day => own.SingleOrDefault(w => w.Day == day) is { } mine
            ? new WorkingDayDto(day, mine.IsOff, mine.Start, mine.End, true, mine.Version)
            : availability.CompanyHours(day) is { } company
                ? new WorkingDayDto(day, false, company.Start, company.End, false, 0)
                : new WorkingDayDto(day, true, null, null, false, 0)).ToList();
        return new WorkingHoursDto(staffId, person.Name, own.Count > 0, days);
    }

    /// <summary>
    /// Sets the person's own hours for the weekdays given (the others keep theirs). An error names the row:
    /// <c>Days[2].End</c>.
    /// </summary>
    public async Task SetWorkingHoursAsync(int staffId, WorkingHoursInput input)
    {
        await RequireManageAsync(staffId, null);
        var given = input.Days ?? [];
        if (given.GroupBy(d => d.Day).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new DomainException("WeekdayTwice", new LocalizedArgument($"Weekday.{twice.Key}")) { Field = "Days" };
        var own = await db.WorkingHours.Where(w => w.StaffId == staffId).ToListAsync();
        foreach (var (day, index) in given.Select((d, i) => (d, i)))
        {
            try
            {
                var start = day.Off ? null : day.Start;
                var end = day.Off ? null : day.End;
                if (own.SingleOrDefault(w => w.Day == day.Day) is { } existing)
                {
                    db.ExpectVersion(existing, day.Version);
                    existing.Set(start, end);
                }
                else
                {
                    db.WorkingHours.Add(new WorkingHours(staffId, day.Day, start, end));
                }
            }
            catch (DomainException e) when (e.GetType() == typeof(DomainException))
            {
                throw new DomainException(e.Code, e.Arguments) { Field = $"Days[{index}].{e.Field}" };
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The person follows the company pattern again.</summary>
    public async Task ResetWorkingHoursAsync(int staffId)
    {
        await RequireManageAsync(staffId, null);
        db.WorkingHours.RemoveRange(await db.WorkingHours.Where(w => w.StaffId == staffId).ToListAsync());
        await db.SaveChangesAsync();
    }

    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>A role that plans nobody is refused outright (403); a person outside the caller's view is a 404.</summary>
    private async Task RequireManageAsync(int staffId, string? field)
    {
        if (!MayPlan(Scope)) throw new ForbiddenException("ScheduleReadOnly");
        var person = await db.Staff(Scope).AsNoTracking().Where(s => s.Id == staffId).Select(s => new { s.Id, s.RegionId }).SingleOrDefaultAsync();
        if (person is null)
            throw field is null ? new NotFoundException() : new DomainException("StaffNotFound") { Field = field };
        if (!MayManage(Scope, person.RegionId)) throw new ForbiddenException("ScheduleReadOnly");
    }

    // ---- Skills ---------------------------------------------------------------------------------------------------

    /// <summary>Replaces the person's skill tags with the ones given (an empty list clears them).</summary>
    public async Task SetSkillsAsync(int staffId, SkillsInput input)
    {
        await RequireManageAsync(staffId, null);
        var wanted = TechnicianSkill.Normalize(input.Skills ?? []);
        var current = await db.TechnicianSkills.Where(s => s.StaffId == staffId).ToListAsync();
        db.TechnicianSkills.RemoveRange(current.Where(c => !wanted.Contains(c.Name, StringComparer.OrdinalIgnoreCase)));
        db.TechnicianSkills.AddRange(wanted.Where(w => !current.Any(c => string.Equals(c.Name, w, StringComparison.OrdinalIgnoreCase)))
            .Select(w => new TechnicianSkill(staffId, w)));
        await db.SaveChangesAsync();
    }

    /// <summary>Tags worth offering: the product categories and the tags already in use.</summary>
    public async Task<List<string>> SkillSuggestionsAsync()
    {
        var categories = await db.Products.AsNoTracking().Select(p => p.Category).Distinct().ToListAsync();
        var used = await db.TechnicianSkills.AsNoTracking().Select(s => s.Name).Distinct().ToListAsync();
        return categories.Concat(used).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    // ---- Day-before confirmations (SCH-3) -----------------------------------------------------------------------

    /// <summary>The jobs needing the customer's day-before confirmation whose visit is on <paramref name="date"/> (tomorrow by default).</summary>
    public async Task<ConfirmationsDto> ConfirmationsAsync(DateOnly? date)
    {
        var day = date ?? local.Today.AddDays(1);
        var start = availability.StartOf(day);
        var end = availability.StartOf(day.AddDays(1));
        var scope = Scope;
        var mayWork = !scope.IsReadOnly && (scope.SeesOnlyOwnWork || Policies.Allows(Policies.TakeWorkOrders, scope.Role));
        var jobs = await db.WorkOrders(scope).AsNoTracking()
            .Where(w => w.NeedsDayBeforeConfirmation && w.AppointmentStart >= start && w.AppointmentStart < end && w.State != WorkOrderState.Cancelled)
            .OrderBy(w => w.AppointmentStart).ThenBy(w => w.Id)
            .Select(w => new ConfirmationDto(w.Id, "", w.Kind, w.State,
                db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First(),
                db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Phone).First(),
                db.Sites.Where(s => s.Id == w.SiteId).Select(s => s.Address).First(),
                w.TechnicianId, db.Staff.Where(s => s.Id == w.TechnicianId).Select(s => s.Name).FirstOrDefault(),
                w.AppointmentStart!.Value, w.AppointmentEnd!.Value, w.DayBeforeConfirmedAt, w.DayBeforeConfirmedBy,
                w.DayBeforeConfirmedAt != null, mayWork && w.State == WorkOrderState.Scheduled && w.DayBeforeConfirmedAt == null, w.Version))
            .ToListAsync();
        jobs = jobs.Select(j => j with { Number = $"WO{j.WorkOrderId:000000}" }).ToList();
        return new ConfirmationsDto(day, jobs.Count(j => !j.Released), jobs);
    }
}
