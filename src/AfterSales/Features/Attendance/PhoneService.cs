using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.Attendance;
using AfterSales.Features.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Attendance;

public sealed record PhoneEventInput(int StaffId, PhoneEventKind? Kind, DateTimeOffset? At, string? Note, bool FalseReport = false,
    DateTimeOffset? RestoredAt = null);

public sealed record RestorationInput(DateTimeOffset? RestoredAt, int Version);

public sealed record PhoneEventDto(int Id, int Version, int StaffId, string StaffName, PhoneEventKind Kind, DateTimeOffset At, string? Note,
    bool FalseReport, DateTimeOffset? RestoredAt, DateTimeOffset? Deadline, int? IncidentId, string? IncidentNumber, string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>
/// Phone reachability (ATT-2): managers record phone events of the technicians they oversee and later the restoration.
/// The incident (ASM-2…ASM-4) is raised once its amount is known — at once for an unreachable phone or a false report;
/// for a suspension or a verified loss when the restoration is recorded or, failing that, when the policy's deadline
/// passes (<see cref="SettleDueAsync"/>, run by the periodic job). A restoration recorded after that updates the incident.
/// </summary>
public sealed class PhoneService(AppDbContext db, IHttpContextAccessor http, TimeProvider clock, IncidentService incidents, PolicyBook policies,
    CompanyText text)
{
    public static readonly IReadOnlyDictionary<PhoneEventKind, string> IncidentKinds = new Dictionary<PhoneEventKind, string>
    {
        [PhoneEventKind.Suspended] = "phone_suspended",
        [PhoneEventKind.Unreachable] = "phone_unreachable",
        [PhoneEventKind.Lost] = "phone_lost",
    };

    private AccessScope Scope => AccessScope.From(http.HttpContext!.User);

    public async Task<int> RecordAsync(PhoneEventInput input)
    {
        var scope = Scope;
        if (!Policies.Allows(Policies.RecordIncidents, scope.Role)) throw new ForbiddenException();
        var person = await db.Staff(scope).SingleOrDefaultAsync(s => s.Id == input.StaffId) ?? throw new NotFoundException();
        if (person.Id == scope.StaffId) throw new ForbiddenException("IncidentAboutOneself");
        var now = clock.GetUtcNow();
        var phoneEvent = new PhoneEvent(person.Id, input.Kind ?? throw new DomainException("Required") { Field = nameof(input.Kind) }, input.At,
            input.Note, input.FalseReport, scope.StaffId, now);
        if (input.RestoredAt is not null) phoneEvent.RecordRestoration(input.RestoredAt, now);
        db.PhoneEvents.Add(phoneEvent);
        await SettleAsync(phoneEvent, now);
        await db.SaveChangesAsync();
        return phoneEvent.Id;
    }

    public async Task RestoreAsync(int id, RestorationInput input)
    {
        var phoneEvent = await LoadAsync(id);
        db.ExpectVersion(phoneEvent, input.Version);
        var now = clock.GetUtcNow();
        phoneEvent.RecordRestoration(input.RestoredAt, now);
        await SettleAsync(phoneEvent, now);
        await db.SaveChangesAsync();
    }

    /// <summary>Raises the incidents of events whose deadline has passed without a restoration. Safe to rerun (an event raises one incident).</summary>
    public async Task<int> SettleDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var waiting = await db.PhoneEvents.AsNoTracking().Where(e => e.IncidentId == null).Select(e => e.Id).ToListAsync(ct);
        var raised = 0;
        foreach (var id in waiting)
        {
            db.ChangeTracker.Clear();
            var phoneEvent = await db.PhoneEvents.SingleAsync(e => e.Id == id, ct);
            if (!await SettleAsync(phoneEvent, now)) continue;
            try
            {
                await db.SaveChangesAsync(ct);
                raised++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance settled it first.
            }
        }
        db.ChangeTracker.Clear();
        return raised;
    }

    /// <summary>When the event's restoration is due (null when nothing waits for one), by the policy in force when it happened.</summary>
    public async Task<DateTimeOffset?> DeadlineAsync(PhoneEvent phoneEvent) =>
        phoneEvent.AwaitsRestoration && (await policies.ResolverAsync())(phoneEvent.At).Document.Kinds.GetValueOrDefault(IncidentKinds[phoneEvent.Kind])
            ?.NotRestored is { } rule
            ? phoneEvent.At.AddHours((double)rule.WithinHours)
            : null;

    /// <returns>Whether something changed.</returns>
    private async Task<bool> SettleAsync(PhoneEvent phoneEvent, DateTimeOffset now)
    {
        if (phoneEvent.IncidentId is { } incidentId)
        {
            var raised = await db.Incidents.SingleAsync(i => i.Id == incidentId);
            if (phoneEvent.RestoredAt is not { } restored || raised.RestoredAt == restored) return false;
            await incidents.RecordRestorationAsync(raised, restored);
            return true;
        }
        if (phoneEvent.AwaitsRestoration && phoneEvent.RestoredAt is null && await DeadlineAsync(phoneEvent) is { } deadline && now < deadline) return false;
        var incident = await incidents.AddAsync(new IncidentDraft
        {
            PersonId = phoneEvent.StaffId, RegionId = 0, Kind = IncidentKinds[phoneEvent.Kind], At = phoneEvent.At,
            Description = text[$"Phone.{phoneEvent.Kind}", text.Time(phoneEvent.At)] + (phoneEvent.Note is { } note ? " — " + note : ""),
            // A false report: the phone was not lost, so no restoration is awaited (only the 500 of ASM-4).
            RestoredAt = phoneEvent.FalseReport ? phoneEvent.At : phoneEvent.RestoredAt,
            Verified = phoneEvent.Kind == PhoneEventKind.Lost && !phoneEvent.FalseReport, FalseReport = phoneEvent.FalseReport, Source = "phone",
        }, phoneEvent.RecordedById == 0 ? null : phoneEvent.RecordedById);
        phoneEvent.Raised(incident);
        return true;
    }

    public async Task<Paged<PhoneEventDto>> ListAsync(int? staffId, int page, int pageSize = Paged<PhoneEventDto>.DefaultPageSize)
    {
        var staff = db.Staff(Scope);
        var query = db.PhoneEvents.AsNoTracking().Where(e => staff.Any(s => s.Id == e.StaffId));
        if (staffId is { } id) query = query.Where(e => e.StaffId == id);
        var total = await query.CountAsync();
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize).ToListAsync();
        var ids = rows.SelectMany(r => new[] { r.StaffId, r.RecordedById }).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);
        var items = new List<PhoneEventDto>();
        foreach (var e in rows)
            items.Add(new PhoneEventDto(e.Id, e.Version, e.StaffId, names[e.StaffId], e.Kind, e.At, e.Note, e.FalseReport, e.RestoredAt,
                await DeadlineAsync(e), e.IncidentId, e.IncidentId is { } i ? Incident.NumberOf(i) : null, names[e.RecordedById], e.RecordedAt));
        return new Paged<PhoneEventDto>(items, Math.Max(page, 1), pageSize, total);
    }

    public async Task<PhoneEventDto> GetAsync(int id)
    {
        var e = await LoadAsync(id);
        var names = await db.Staff.AsNoTracking().Where(s => s.Id == e.StaffId || s.Id == e.RecordedById).ToDictionaryAsync(s => s.Id, s => s.Name);
        return new PhoneEventDto(e.Id, e.Version, e.StaffId, names[e.StaffId], e.Kind, e.At, e.Note, e.FalseReport, e.RestoredAt, await DeadlineAsync(e),
            e.IncidentId, e.IncidentId is { } i ? Incident.NumberOf(i) : null, names[e.RecordedById], e.RecordedAt);
    }

    private async Task<PhoneEvent> LoadAsync(int id)
    {
        var scope = Scope;
        var phoneEvent = await db.PhoneEvents.SingleOrDefaultAsync(e => e.Id == id && db.Staff(scope).Any(s => s.Id == e.StaffId))
            ?? throw new NotFoundException();
        if (!Policies.Allows(Policies.RecordIncidents, scope.Role) || phoneEvent.StaffId == scope.StaffId) throw new ForbiddenException();
        return phoneEvent;
    }
}
