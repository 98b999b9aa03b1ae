using AfterSales.Data;
using AfterSales.Domain.Assessment;
using AfterSales.Domain;
using AfterSales.Domain.Attendance;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Attendance;

public sealed record SpecialCaseInput(int StaffId, DateTimeOffset? From, DateTimeOffset? To, string? Reason);

public sealed record SpecialCaseDto(int Id, int StaffId, string StaffName, DateTimeOffset From, DateTimeOffset To, string Reason, string RecordedBy,
    DateTimeOffset RecordedAt);

public sealed record AnomalyDto(long Id, int StaffId, string StaffName, AnomalyRule Rule, DateTimeOffset At, DateTimeOffset? Until, double? MetersAway,
    int? WorkOrderId, bool Waived, int? IncidentId, string? IncidentNumber);

public sealed record LatestPositionDto(int StaffId, string StaffNumber, string StaffName, DateTimeOffset? At, double? Lat, double? Lng, double? Accuracy,
    int Anomalies);

public sealed record TodayDto(DateOnly Day, IReadOnlyList<LatestPositionDto> Technicians, IReadOnlyList<AnomalyDto> Anomalies);

/// <summary>
/// What managers and the supervision department see of attendance (ATT-1): today's latest positions and anomalies of
/// the technicians they oversee (<c>db.Staff(scope)</c>), the anomaly list, and the special cases reported in advance.
/// </summary>
public sealed class AttendanceService(AppDbContext db, IHttpContextAccessor http, TimeProvider clock, LocalTime local)
{
    private AccessScope Scope => AccessScope.From(http.HttpContext!.User);

    private IQueryable<Staff> Technicians() => db.Staff(Scope).Where(s => s.Role == StaffRole.Technician);

    public async Task<TodayDto> TodayAsync(DateOnly? day = null)
    {
        var date = day ?? local.Today;
        var (start, end) = local.DayOf(date);
        var people = await Technicians().AsNoTracking().OrderBy(s => s.StaffNumber).Select(s => new { s.Id, s.StaffNumber, s.Name }).ToListAsync();
        var ids = people.Select(p => p.Id).ToList();
        var latest = await db.Positions.AsNoTracking()
            .Where(p => ids.Contains(p.StaffId) && p.At >= start && p.At < end
                && p.Id == db.Positions.Where(q => q.StaffId == p.StaffId && q.At >= start && q.At < end)
                    .OrderByDescending(q => q.At).ThenByDescending(q => q.Id).Select(q => q.Id).First())
            .ToDictionaryAsync(p => p.StaffId);
        var anomalies = await AnomalyQuery(ids, start, end).ToListAsync();
        var names = people.ToDictionary(p => p.Id, p => p.Name);
        var counts = anomalies.GroupBy(a => a.StaffId).ToDictionary(g => g.Key, g => g.Count());
        return new TodayDto(date,
            [.. people.Select(p => latest.TryGetValue(p.Id, out var l)
                ? new LatestPositionDto(p.Id, p.StaffNumber, p.Name, l.At, l.Latitude, l.Longitude, l.AccuracyMeters, counts.GetValueOrDefault(p.Id))
                : new LatestPositionDto(p.Id, p.StaffNumber, p.Name, null, null, null, null, counts.GetValueOrDefault(p.Id)))],
            [.. anomalies.Select(a => Dto(a, names))]);
    }

    public async Task<Paged<AnomalyDto>> AnomaliesAsync(int? staffId, DateOnly? from, DateOnly? to, int page, int pageSize = Paged<AnomalyDto>.DefaultPageSize)
    {
        var people = await Technicians().AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync();
        var ids = people.Select(p => p.Id).Where(id => staffId is null || id == staffId).ToList();
        var query = AnomalyQuery(ids, from is { } f ? local.StartOf(f) : DateTimeOffset.MinValue.AddYears(1),
            to is { } t ? local.StartOf(t.AddDays(1)) : DateTimeOffset.MaxValue.AddYears(-1));
        var total = await query.CountAsync();
        var rows = await query.Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize).ToListAsync();
        var names = people.ToDictionary(p => p.Id, p => p.Name);
        return new Paged<AnomalyDto>([.. rows.Select(a => Dto(a, names))], Math.Max(page, 1), pageSize, total);
    }

    private IQueryable<LocationAnomaly> AnomalyQuery(List<int> staffIds, DateTimeOffset start, DateTimeOffset end) =>
        db.LocationAnomalies.AsNoTracking().Where(a => staffIds.Contains(a.StaffId) && a.At >= start && a.At < end)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id);

    private static AnomalyDto Dto(LocationAnomaly a, Dictionary<int, string> names) =>
        new(a.Id, a.StaffId, names.GetValueOrDefault(a.StaffId) ?? "", a.Rule, a.At, a.Until, a.MetersAway, a.WorkOrderId, a.Waived, a.IncidentId,
            a.IncidentId is { } i ? Incident.NumberOf(i) : null);

    /// <summary>ATT-1 / ASM-6: the supervision department records a special case before the fact.</summary>
    public async Task<int> RecordSpecialCaseAsync(SpecialCaseInput input)
    {
        var scope = Scope;
        if (!Policies.Allows(Policies.RecordSpecialCases, scope.Role)) throw new ForbiddenException();
        var person = await Technicians().SingleOrDefaultAsync(s => s.Id == input.StaffId) ?? throw new NotFoundException();
        var specialCase = new SpecialCase(person.Id, input.From, input.To, input.Reason, scope.StaffId, clock.GetUtcNow());
        db.SpecialCases.Add(specialCase);
        await db.SaveChangesAsync();
        return specialCase.Id;
    }

    public async Task<Paged<SpecialCaseDto>> SpecialCasesAsync(int? staffId, int page, int pageSize = Paged<SpecialCaseDto>.DefaultPageSize)
    {
        var staff = Technicians();
        var query = db.SpecialCases.AsNoTracking().Where(c => staff.Any(s => s.Id == c.StaffId));
        if (staffId is { } id) query = query.Where(c => c.StaffId == id);
        var total = await query.CountAsync();
        var rows = await query.OrderByDescending(c => c.From).ThenByDescending(c => c.Id).Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize)
            .ToListAsync();
        var ids = rows.SelectMany(r => new[] { r.StaffId, r.RecordedById }).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);
        return new Paged<SpecialCaseDto>([.. rows.Select(c => new SpecialCaseDto(c.Id, c.StaffId, names[c.StaffId], c.From, c.To, c.Reason,
            names[c.RecordedById], c.RecordedAt))], Math.Max(page, 1), pageSize, total);
    }

    /// <summary>The technicians the caller oversees, for the forms' drop-downs.</summary>
    public async Task<List<(int Id, string Label)>> TechniciansAsync() =>
        [.. (await Technicians().AsNoTracking().OrderBy(s => s.StaffNumber).Select(s => new { s.Id, s.StaffNumber, s.Name }).ToListAsync())
            .Select(s => (s.Id, $"{s.StaffNumber} {s.Name}"))];

    /// <summary>A technician the caller may see, or 404.</summary>
    public async Task EnsureVisibleAsync(int staffId)
    {
        if (!await Technicians().AnyAsync(s => s.Id == staffId)) throw new NotFoundException();
    }
}
