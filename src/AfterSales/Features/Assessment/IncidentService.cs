using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Assessment;

public sealed record IncidentInput(int PersonId, string? Kind, DateTimeOffset? At, string? Description, Severity Severity = Severity.Normal,
    decimal? Amount = null, bool Waived = false, string? WaiverReason = null, DateTimeOffset? RestoredAt = null, bool Verified = false,
    bool FalseReport = false, int? WorkOrderId = null, int? EquipmentId = null, string? EquipmentKind = null, string? Cause = null,
    string? RepairClass = null);

// Properties, not a positional record: the compile-time request delegate generator cannot bind
// [AsParameters] constructors with nullable reference types.
public sealed record IncidentFilter
{
    public int? PersonId { get; init; }
    public string? Kind { get; init; }
    public IncidentState? State { get; init; }
    public string? Month { get; init; }
}

public sealed record IncidentSummaryDto(int Id, string Number, int PersonId, string PersonName, string Kind, string KindTitle, DateTimeOffset At,
    decimal? Amount, Severity Severity, bool Waived, IncidentState State, string Source);

public sealed record IncidentFileDto(int Id, string Name, string ContentType, int Size, DateTimeOffset AddedAt);

public sealed record IncidentLineDto(string Person, string Rule, string PolicyVersion, decimal Amount, string Pot, string Reason, IReadOnlyList<string> Flags);

public sealed record IncidentDto(int Id, string Number, int Version, int PersonId, string PersonName, int RegionId, string Kind, string KindTitle,
    DateTimeOffset At, Severity Severity, decimal? Amount, string Description, bool Waived, string? WaiverReason, int? ManagerId,
    DateTimeOffset? RestoredAt, bool Verified, bool FalseReport, int? WorkOrderId, int? EquipmentId, string? EquipmentKind, string? Cause,
    string? RepairClass, string Source, string RecordedBy, DateTimeOffset RecordedAt, IncidentState State, string? AppealReason,
    DateTimeOffset? AppealedAt, string? AppealDecidedBy, DateTimeOffset? AppealDecidedAt, string? AppealDecisionNote,
    IReadOnlyList<IncidentFileDto> Files, IReadOnlyList<IncidentLineDto> Lines, string? Problem, bool Settled, bool MayAppeal, bool MayDecide);

public sealed record AppealInput(string? Reason);

public sealed record AppealDecisionInput(bool Upheld, string? Note);

/// <summary>
/// Incidents (违规事件): recorded by managers and the supervision department, or by other parts of the system through
/// <see cref="AddAsync"/>; each is judged at once by the policy in force when it happened, so a bad one (an amount
/// outside the range …) is refused at the door. Appeals (ASM-15) and evidence files.
/// </summary>
public sealed class IncidentService(AppDbContext db, IHttpContextAccessor http, TimeProvider clock, PolicyBook policies,
    IStringLocalizer<AssessmentText> text, IStringLocalizer<ErrorText> errors, AppMetrics metrics)
{
    private AccessScope Scope => AccessScope.From(http.HttpContext!.User);

    /// <summary>A manager or the supervision department records an incident of someone they oversee.</summary>
    public async Task<int> RecordAsync(IncidentInput input)
    {
        var scope = Scope;
        if (!Policies.Allows(Policies.RecordIncidents, scope.Role)) throw new ForbiddenException();
        var person = await db.Staff(scope).SingleOrDefaultAsync(s => s.Id == input.PersonId)
            ?? throw new DomainException("IncidentPersonNotFound") { Field = nameof(IncidentInput.PersonId) };
        if (person.Id == scope.StaffId) throw new ForbiddenException("IncidentAboutOneself");
        var incident = await AddAsync(new IncidentDraft
        {
            PersonId = person.Id, RegionId = person.RegionId ?? scope.RegionId ?? 0, Kind = Guard.Required(input.Kind, nameof(input.Kind)),
            At = input.At ?? throw new DomainException("Required") { Field = nameof(input.At) }, Description = input.Description,
            Severity = input.Severity, Amount = input.Amount, Waived = input.Waived, WaiverReason = input.WaiverReason, RestoredAt = input.RestoredAt,
            Verified = input.Verified, FalseReport = input.FalseReport, WorkOrderId = input.WorkOrderId, EquipmentId = input.EquipmentId,
            EquipmentKind = input.EquipmentKind, Cause = input.Cause, RepairClass = input.RepairClass,
        }, scope.StaffId);
        await db.SaveChangesAsync();
        return incident.Id;
    }

    /// <summary>
    /// The one call every part of the system uses to raise an incident: checks it against the policy in force when
    /// it happened (with the person's history for ladders) and adds it to the unit of work; the caller saves.
    /// </summary>
    public async Task<Incident> AddAsync(IncidentDraft draft, int? recordedById)
    {
        var person = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == draft.PersonId)
            ?? throw new DomainException("StaffNotFound") { Field = "PersonId" };
        if (draft.RegionId == 0) draft = draft with { RegionId = person.RegionId ?? 0 };
        if (draft.RegionId == 0) throw new DomainException("IncidentNeedsRegion") { Field = "PersonId" };
        draft = draft with { ManagerId = draft.ManagerId ?? person.ManagerId };
        var incident = new Incident(draft, recordedById, clock.GetUtcNow());
        var history = await HistoryAsync(person.Id, incident.At);
        // Judged now so that what the rules cannot judge is refused before it is stored. Evidence for a waiver is uploaded
        // after the record; the month close checks it is there.
        var facts = incident.Facts(Person(person.Id), draft.ManagerId is { } m ? Person(m) : null) with { Sequence = long.MaxValue, HasEvidence = draft.Waived };
        (await policies.AssessorAsync()).Judge(facts, [.. history, facts]);
        db.Incidents.Add(incident);
        metrics.IncidentRaised(incident.Kind, incident.Source);
        return incident;
    }

    /// <summary>
    /// The phone of a phone incident came back (ASM-2, ASM-4): sets its restoration time, which the rules judge against the
    /// deadline. Refused once the incident is settled on a closed month (a correction is then an entry in a later month).
    /// The caller saves.
    /// </summary>
    public async Task RecordRestorationAsync(Incident incident, DateTimeOffset restoredAt)
    {
        if (await IsSettledAsync(incident)) throw new ConflictException("IncidentSettled");
        incident.RecordRestoration(restoredAt);
    }

    /// <summary>Whether a closed month's ledger holds the incident (its lines are under its person or their manager).</summary>
    private Task<bool> IsSettledAsync(Incident incident) =>
        db.StatementLines.AnyAsync(l => (l.StaffId == incident.PersonId || l.StaffId == incident.ManagerId) && l.IncidentId == incident.Id && !l.Reverses);

    public async Task<Paged<IncidentSummaryDto>> ListAsync(IncidentFilter filter, int page, int pageSize)
    {
        var query = db.Incidents(Scope).AsNoTracking();
        if (filter.PersonId is { } person) query = query.Where(i => i.PersonId == person);
        if (!string.IsNullOrWhiteSpace(filter.Kind)) query = query.Where(i => i.Kind == filter.Kind);
        if (filter.State is { } state) query = query.Where(i => i.State == state);
        if (MonthRange.TryParse(filter.Month, out var month))
        {
            var (start, end) = MonthRange.Instants(month, policies.Zone);
            query = query.Where(i => i.At >= start && i.At < end);
        }
        var total = await query.CountAsync();
        var rows = await query.OrderByDescending(i => i.At).ThenByDescending(i => i.Id).Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize)
            .Select(i => new { i.Id, i.PersonId, Name = db.Staff.Where(s => s.Id == i.PersonId).Select(s => s.Name).First(), i.Kind, i.At, i.Amount,
                i.Severity, i.Waived, i.State, i.Source })
            .ToListAsync();
        return new Paged<IncidentSummaryDto>([.. rows.Select(r => new IncidentSummaryDto(r.Id, Incident.NumberOf(r.Id), r.PersonId, r.Name, r.Kind,
            ReasonText.Kind(r.Kind, text), r.At, r.Amount, r.Severity, r.Waived, r.State, r.Source))], Math.Max(page, 1), pageSize, total);
    }

    public async Task<IncidentDto> GetAsync(int id)
    {
        var incident = await LoadAsync(id);
        var names = await db.Staff.AsNoTracking()
            .Where(s => s.Id == incident.PersonId || s.Id == incident.RecordedById || s.Id == incident.AppealDecidedById || s.Id == incident.ManagerId)
            .ToDictionaryAsync(s => s.Id, s => s.Name);
        var settled = await IsSettledAsync(incident);
        var history = await HistoryAsync(incident.PersonId, incident.At);
        var facts = history.SingleOrDefault(f => f.Sequence == incident.Id) ?? incident.Facts(Person(incident.PersonId), null);
        IReadOnlyList<IncidentLineDto> lines = [];
        string? problem = null;
        if (!incident.IsReversed)
        {
            try
            {
                var judged = (await policies.AssessorAsync()).Judge(facts, history, incident.ManagerId is { } m ? Person(m) : null);
                var ids = judged.Select(l => int.Parse(l.Person, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                var people = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => Person(s.Id), s => s.Name);
                lines = [.. judged.Select(l => new IncidentLineDto(people.GetValueOrDefault(l.Person) ?? l.Person, l.Rule, l.PolicyVersion, l.Amount,
                    l.Pot.ToString().ToLowerInvariant(), ReasonText.Of(l, text), l.Flags))];
            }
            catch (DomainException e)
            {
                // Shown on the incident (e.g. a waiver still waiting for its police report): the month cannot close until it is fixed.
                problem = DomainExceptionHandler.Format(errors, e.Code, e.Arguments);
            }
        }
        var scope = Scope;
        return new IncidentDto(incident.Id, incident.Number, incident.Version, incident.PersonId, names[incident.PersonId], incident.RegionId, incident.Kind,
            ReasonText.Kind(incident.Kind, text), incident.At, incident.Severity, incident.Amount, incident.Description, incident.Waived,
            incident.WaiverReason, incident.ManagerId, incident.RestoredAt, incident.Verified, incident.FalseReport, incident.WorkOrderId,
            incident.EquipmentId, incident.EquipmentKind, incident.Cause, incident.RepairClass, incident.Source,
            incident.RecordedById is { } r ? names[r] : text["RecordedBySystem"],
            incident.RecordedAt, incident.State, incident.AppealReason, incident.AppealedAt,
            incident.AppealDecidedById is { } d ? names.GetValueOrDefault(d) : null, incident.AppealDecidedAt, incident.AppealDecisionNote,
            [.. incident.Files.OrderBy(f => f.AddedAt).Select(f => new IncidentFileDto(f.Id, f.Name, f.ContentType, f.Content.Length, f.AddedAt))],
            lines, problem, settled, incident.State == IncidentState.Recorded && incident.PersonId == scope.StaffId,
            incident.State == IncidentState.Appealed && Policies.Allows(Policies.DecideAppeals, scope.Role) && incident.PersonId != scope.StaffId);
    }

    public async Task AppealAsync(int id, AppealInput input)
    {
        var incident = await LoadAsync(id);
        incident.Appeal(Scope.StaffId, input.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    public async Task DecideAppealAsync(int id, AppealDecisionInput input)
    {
        var scope = Scope;
        if (!Policies.Allows(Policies.DecideAppeals, scope.Role)) throw new ForbiddenException();
        var incident = await LoadAsync(id);
        incident.DecideAppeal(input.Upheld, input.Note, scope.StaffId, clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    public async Task<IncidentFileDto> AddEvidenceAsync(int id, string name, string contentType, byte[] content)
    {
        var scope = Scope;
        var incident = await LoadAsync(id);
        if (incident.PersonId != scope.StaffId && !Policies.Allows(Policies.RecordIncidents, scope.Role)) throw new ForbiddenException();
        var file = incident.AddEvidence(name, contentType, content, scope.StaffId, clock.GetUtcNow());
        await db.SaveChangesAsync();
        return new IncidentFileDto(file.Id, file.Name, file.ContentType, file.Content.Length, file.AddedAt);
    }

    public async Task<IncidentFile> FileAsync(int id, int fileId)
    {
        var incident = await LoadAsync(id);
        return incident.Files.SingleOrDefault(f => f.Id == fileId) ?? throw new NotFoundException();
    }

    /// <summary>The person's incidents up to <paramref name="until"/>'s month end and a little beyond, as the rules count them (upheld appeals left out).</summary>
    private async Task<List<IncidentFacts>> HistoryAsync(int personId, DateTimeOffset until)
    {
        var rows = await db.Incidents.AsNoTracking().Include(i => i.Files)
            .Where(i => i.PersonId == personId && i.State != IncidentState.AppealUpheld && i.At <= until.AddDays(31)).ToListAsync();
        return [.. rows.Select(i => i.Facts(Person(i.PersonId), i.ManagerId is { } m ? Person(m) : null))];
    }

    private async Task<Incident> LoadAsync(int id) =>
        await db.Incidents(Scope).Include(i => i.Files).SingleOrDefaultAsync(i => i.Id == id) ?? throw new NotFoundException();

    /// <summary>How the rules name a person: their staff id.</summary>
    public static string Person(int staffId) => staffId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A month as "2026-10", and the instants it spans in the site's zone.</summary>
public static class MonthRange
{
    public static bool TryParse(string? value, out (int Year, int Month) month)
    {
        month = default;
        if (!DateTime.TryParseExact(value, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
            return false;
        month = (parsed.Year, parsed.Month);
        return true;
    }

    public static (DateTimeOffset Start, DateTimeOffset End) Instants((int Year, int Month) month, TimeZoneInfo zone)
    {
        var local = new LocalMonth(month, zone);
        return (local.Start, local.End);
    }

    public static string Text((int Year, int Month) month) => $"{month.Year:0000}-{month.Month:00}";
}
