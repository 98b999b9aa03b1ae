using AfterSales.Data;
using AfterSales.Domain.Assessment;
using AfterSales.Domain;
using AfterSales.Domain.People;
using AfterSales.Domain.Reports;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Reports;

/// <summary>A message as the SMS gateway hands it over.</summary>
public sealed record InboundSms(string? Id, string? From, string? Text, DateTimeOffset? ReceivedAt);

public sealed record PasteInput(int? TechnicianId, DateOnly? Day, TimeOnly? ReceivedAt, string? Text);

public sealed record ReportFilter(DateOnly? Day = null, int? TechnicianId = null, DailyReportStatus? Status = null);

public sealed record ReportSummaryDto(int Id, DateTimeOffset ReceivedAt, DateOnly? Day, ReportSource Source, string SenderPhone, int? TechnicianId,
    string? TechnicianName, DailyReportStatus Status, int Entries, int Matched, int Problems);

public sealed record EntryDto(int Position, string? Label, string Subject, string? Phone, string Work, int? WorkOrderId, string? WorkOrderNumber,
    string? SiteName);

public sealed record JobDto(int WorkOrderId, string Number, string SiteName, string CustomerName);

public sealed record ReportDetailsDto(ReportSummaryDto Report, string Text, string? EnteredBy, IReadOnlyList<EntryDto> Entries,
    IReadOnlyList<JobDto> JobsWithoutEntry, IReadOnlyList<ReportProblem> Problems, ReportTiming? Timing, (int Id, string Kind)? Incident);

public sealed record BoardRow(int TechnicianId, string Name, string StaffNumber, int Jobs, int? ReportId, DateTimeOffset? ReceivedAt,
    int Problems, string State, bool Judged, int? IncidentId)
{
    public bool IsGood => State == nameof(ReportVerdict.OnTime);
    public bool IsBad => State is nameof(ReportVerdict.Missing) or nameof(ReportVerdict.Late) or nameof(ReportVerdict.Early) or nameof(ReportVerdict.Malformed);
}

public sealed record DayBoard(DateOnly Day, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, IReadOnlyList<BoardRow> Rows);

/// <summary>When a report came relative to its day's window.</summary>
public enum ReportTiming
{
    Early,
    OnTime,
    Late,
}

/// <summary>
/// Daily work reports (RPT-2): every message is stored raw first (gateway or pasted), its sender matched to a
/// technician by mobile number, then read by the parser and its entries matched to the technician's jobs of the day.
/// </summary>
public sealed class DailyReportService(AppDbContext db, Schedule.Availability availability, IHttpContextAccessor http, TimeProvider clock, LocalTime local, PolicyBook policies,
    ILogger<DailyReportService> log, AppMetrics metrics)
{
    private AccessScope Scope => AccessScope.From(http.HttpContext!.User);

    /// <summary>Stores a gateway message once per gateway id; returns its id and whether it had been stored before.</summary>
    public async Task<(int Id, bool Duplicate)> ReceiveAsync(InboundSms sms, CancellationToken ct = default)
    {
        var gatewayId = Guard.Required(sms.Id, "id");
        var existing = await db.DailyReports.SingleOrDefaultAsync(r => r.GatewayId == gatewayId, ct);
        if (existing is not null)
        {
            // A message whose reading failed the first time is read again on redelivery.
            if (existing.Status == DailyReportStatus.Received) await ReadAsync(existing, ct);
            metrics.SmsReceived("duplicate");
            return (existing.Id, true);
        }
        var now = clock.GetUtcNow();
        var receivedAt = sms.ReceivedAt is { } at && at <= now ? at : now;
        var report = DailyReport.FromGateway(gatewayId, sms.From ?? "", receivedAt, sms.Text ?? "");
        db.DailyReports.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Delivered twice at the same moment (two instances): the other one stored it.
            db.ChangeTracker.Clear();
            var id = await db.DailyReports.Where(r => r.GatewayId == gatewayId).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct);
            if (id is null) throw;
            metrics.SmsReceived("duplicate");
            return (id.Value, true);
        }
        await ReadAsync(report, ct);
        metrics.SmsReceived(report.Status switch
        {
            DailyReportStatus.WellFormed => "well_formed",
            DailyReportStatus.Malformed => "malformed",
            DailyReportStatus.UnknownSender => "unknown_sender",
            _ => "unread",
        });
        return (report.Id, false);
    }

    /// <summary>A manager pastes a message for one of their technicians and a day (today by default).</summary>
    public async Task<int> PasteAsync(PasteInput input)
    {
        var scope = Scope;
        if (!Policies.Allows(Policies.EnterDailyReports, scope.Role)) throw new ForbiddenException();
        if (input.TechnicianId is not { } technicianId) throw new DomainException("Required") { Field = nameof(PasteInput.TechnicianId) };
        var technician = await Technicians(scope).SingleOrDefaultAsync(s => s.Id == technicianId) ?? throw new NotFoundException();
        var day = input.Day ?? local.Today;
        var now = clock.GetUtcNow();
        var receivedAt = input.ReceivedAt is { } time ? local.Instant(day, time) : now;
        if (receivedAt > now.AddMinutes(5)) throw new DomainException("DailyReportInFuture") { Field = nameof(PasteInput.ReceivedAt) };
        var report = DailyReport.Pasted(technician.Id, technician.Phone, day, receivedAt, input.Text, scope.StaffId);
        db.DailyReports.Add(report);
        await db.SaveChangesAsync();
        await ReadAsync(report, default);
        return report.Id;
    }

    /// <summary>
    /// A message from a number no technician has (a new phone, a borrowed one): a manager says whose report it is and
    /// for which day; it is then read and matched like any other. The sender's number stays as received.
    /// </summary>
    public async Task AssignAsync(int id, int? technicianId, DateOnly? day)
    {
        var scope = Scope;
        if (!Policies.Allows(Policies.EnterDailyReports, scope.Role)) throw new ForbiddenException();
        var report = await Visible(scope).SingleOrDefaultAsync(r => r.Id == id) ?? throw new NotFoundException();
        if (report.Status != DailyReportStatus.UnknownSender) throw new ConflictException("DailyReportAlreadyAssigned");
        if (technicianId is not { } t) throw new DomainException("Required") { Field = "TechnicianId" };
        var technician = await Technicians(scope).SingleOrDefaultAsync(s => s.Id == t) ?? throw new NotFoundException();
        report.AssignTo(technician.Id, day ?? DateOnly.FromDateTime(local.ToLocal(report.ReceivedAt).DateTime));
        await ReadAsync(report, default);
    }

    /// <summary>The technicians a person may enter and see reports for (SEC-2: a manager their region's).</summary>
    public IQueryable<Staff> Technicians(AccessScope scope) =>
        db.Staff(scope).Where(s => s.Role == StaffRole.Technician);

    private async Task ReadAsync(DailyReport report, CancellationToken ct)
    {
        if (report.TechnicianId is null)
        {
            var phone = ChinesePhone.TryNormalizeMobile(report.SenderPhone);
            var technician = phone is null ? null : await db.Staff.AsNoTracking()
                .Where(s => s.Phone == phone && s.Role == StaffRole.Technician).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
            if (technician is null)
            {
                report.MarkUnknownSender();
                log.LogInformation("Daily report {Id} from an unknown number kept for review.", report.Id);
                await db.SaveChangesAsync(ct);
                return;
            }
            report.AssignTo(technician.Value, DateOnly.FromDateTime(local.ToLocal(report.ReceivedAt).DateTime));
        }
        var parsed = await ParseAsync(report.Text, ct);
        var jobs = await JobsOfDayAsync(report.TechnicianId!.Value, report.Day!.Value, ct);
        report.Read(parsed, ReportMatcher.Match(parsed.Entries, jobs));
        await db.SaveChangesAsync(ct);
    }

    private async Task<ParsedReport> ParseAsync(string text, CancellationToken ct)
    {
        var kinds = await db.Products.AsNoTracking().Where(p => p.EquipmentKind != null).Select(p => p.EquipmentKind!).Distinct().ToListAsync(ct);
        return new DailyReportParser([.. DailyReportParser.DefaultKinds, .. kinds]).Parse(text);
    }

    /// <summary>
    /// The technician's jobs of a local day: booked for that day (not cancelled), or visited that day (departed on it),
    /// as the technician or a helper.
    /// </summary>
    public async Task<List<DayJob>> JobsOfDayAsync(int technicianId, DateOnly day, CancellationToken ct = default)
    {
        var (start, end) = local.DayOf(day);
        var orders = await db.WorkOrders.AsNoTracking()
            .Where(w => w.TechnicianId == technicianId || w.Helpers.Any(h => h.StaffId == technicianId))
            .Where(w => (w.State != WorkOrderState.Cancelled && w.AppointmentStart >= start && w.AppointmentStart < end)
                || w.Visits.Any(v => v.TechnicianId == technicianId && v.DepartedAt >= start && v.DepartedAt < end))
            .Select(w => new
            {
                w.Id, w.SiteId,
                Site = db.Sites.Where(s => s.Id == w.SiteId).Select(s => new { s.Name, s.City, s.Address }).First(),
                Customer = db.Customers.Where(c => c.Id == w.CustomerId).Select(c => new { c.Name, c.Phone }).First(),
            })
            .ToListAsync(ct);
        var siteIds = orders.Select(o => o.SiteId).Distinct().ToList();
        var contacts = await db.SiteContacts.AsNoTracking().Where(c => siteIds.Contains(c.SiteId)).Select(c => new { c.SiteId, c.Phone }).ToListAsync(ct);
        var equipment = await db.Equipment.AsNoTracking().Where(e => siteIds.Contains(e.SiteId)).Select(e => new { e.SiteId, e.Kind }).ToListAsync(ct);
        return [.. orders.OrderBy(o => o.Id).Select(o => new DayJob(o.Id, $"WO{o.Id:000000}", o.Site.Name, o.Site.City, o.Site.Address, o.Customer.Name,
            [o.Customer.Phone, .. contacts.Where(c => c.SiteId == o.SiteId).Select(c => c.Phone)],
            [.. equipment.Where(e => e.SiteId == o.SiteId).Select(e => e.Kind).Distinct()]))];
    }

    /// <summary>The report window of a day by the policy in force on it (RPT-1), as instants.</summary>
    public async Task<(DateTimeOffset Start, DateTimeOffset End)> WindowAsync(DateOnly day, CancellationToken ct = default)
    {
        var resolve = await policies.ResolverAsync(ct);
        var (start, end) = resolve(local.Instant(day, new TimeOnly(12, 0))).Document.DailyReport.Window();
        return (local.Instant(day, start), local.Instant(day, end));
    }

    public static ReportTiming TimingOf(DateTimeOffset receivedAt, (DateTimeOffset Start, DateTimeOffset End) window) =>
        receivedAt < window.Start ? ReportTiming.Early : receivedAt > window.End ? ReportTiming.Late : ReportTiming.OnTime;

    /// <summary>
    /// The manager's day board (RPT-3): each of their technicians on field duty that day, with the day's best report,
    /// its timing, and the judgement and incident once the window has ended.
    /// </summary>
    public async Task<DayBoard> BoardAsync(DateOnly day)
    {
        var scope = Scope;
        var window = await WindowAsync(day);
        var now = clock.GetUtcNow();
        var onDuty = await availability.OnFieldDutyAsync(day);
        var people = await Technicians(scope).AsNoTracking().Where(s => onDuty.Contains(s.Id))
            .OrderBy(s => s.StaffNumber).Select(s => new { s.Id, s.Name, s.StaffNumber }).ToListAsync();
        var ids = people.Select(p => p.Id).ToList();
        var dayReports = await db.DailyReports.AsNoTracking().Where(r => r.TechnicianId != null && ids.Contains(r.TechnicianId.Value) && r.Day == day)
            .Select(r => new { r.Id, TechnicianId = r.TechnicianId!.Value, r.ReceivedAt, r.Status, r.ProblemCount }).ToListAsync();
        var judgements = await db.DailyReportJudgements.AsNoTracking().Where(j => j.Day == day && ids.Contains(j.TechnicianId)).ToListAsync();
        var visibleIncidents = await db.Incidents(scope).Where(i => judgements.Select(j => j.IncidentId).Contains(i.Id)).Select(i => i.Id).ToListAsync();
        var rows = new List<BoardRow>();
        foreach (var person in people)
        {
            var jobs = (await JobsOfDayAsync(person.Id, day)).Count;
            var best = dayReports.Where(r => r.TechnicianId == person.Id)
                .Select(r => new { r.Id, r.ReceivedAt, r.ProblemCount, Verdict = DailyReportJudge.VerdictOf(r.ReceivedAt, r.Status, window) })
                .OrderBy(r => DailyReportJudge.Rank(r.Verdict)).ThenBy(r => r.ReceivedAt).FirstOrDefault();
            var judgement = judgements.SingleOrDefault(j => j.TechnicianId == person.Id);
            string state;
            if (judgement is not null) state = judgement.Verdict.ToString();
            else if (best is not null) state = best.Verdict.ToString();
            else state = now < window.Start ? "Waiting" : now <= window.End ? "NotYet" : nameof(ReportVerdict.Missing);
            var incident = judgement?.IncidentId is { } i && visibleIncidents.Contains(i) ? i : (int?)null;
            rows.Add(new BoardRow(person.Id, person.Name, person.StaffNumber, jobs, best?.Id, best?.ReceivedAt, best?.ProblemCount ?? 0, state,
                judgement is not null, incident));
        }
        return new DayBoard(day, window.Start, window.End, rows);
    }

    /// <summary>The reports a person may see: their region's technicians'; messages from unknown numbers to those who see every region and to managers.</summary>
    private IQueryable<DailyReport> Visible(AccessScope scope)
    {
        var technicians = Technicians(scope).Select(s => s.Id);
        return scope.SeesAllRegions
            ? db.DailyReports
            : db.DailyReports.Where(r => r.TechnicianId == null ? r.Status == DailyReportStatus.UnknownSender : technicians.Contains(r.TechnicianId.Value));
    }

    public async Task<Paged<ReportSummaryDto>> ListAsync(ReportFilter filter, int page, int pageSize)
    {
        var query = Visible(Scope).AsNoTracking();
        if (filter.Day is { } day)
        {
            var (start, end) = local.DayOf(day);
            query = query.Where(r => r.Day == day || (r.Day == null && r.ReceivedAt >= start && r.ReceivedAt < end));
        }
        if (filter.TechnicianId is { } technician) query = query.Where(r => r.TechnicianId == technician);
        if (filter.Status is { } status) query = query.Where(r => r.Status == status);
        var total = await query.CountAsync();
        var rows = await Summaries(query.OrderByDescending(r => r.Id).Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize)).ToListAsync();
        return new Paged<ReportSummaryDto>(rows, Math.Max(page, 1), pageSize, total);
    }

    private IQueryable<ReportSummaryDto> Summaries(IQueryable<DailyReport> query) =>
        query.Select(r => new ReportSummaryDto(r.Id, r.ReceivedAt, r.Day, r.Source, r.SenderPhone, r.TechnicianId,
            db.Staff.Where(s => s.Id == r.TechnicianId).Select(s => s.Name).FirstOrDefault(), r.Status, r.Entries.Count,
            r.Entries.Count(e => e.WorkOrderId != null), r.ProblemCount));

    public async Task<ReportDetailsDto> GetAsync(int id)
    {
        var scope = Scope;
        var summary = await Summaries(Visible(scope).AsNoTracking().Where(r => r.Id == id)).SingleOrDefaultAsync() ?? throw new NotFoundException();
        var report = await db.DailyReports.AsNoTracking().Include(r => r.Entries).SingleAsync(r => r.Id == id);
        var enteredBy = report.EnteredById is { } by ? await db.Staff.Where(s => s.Id == by).Select(s => s.Name).SingleAsync() : null;
        var parsed = await ParseAsync(report.Text, default);
        List<DayJob> jobs = report.TechnicianId is { } t && report.Day is { } d ? await JobsOfDayAsync(t, d) : [];
        var entries = report.Entries.OrderBy(e => e.Position).Select(e =>
        {
            var job = jobs.FirstOrDefault(j => j.WorkOrderId == e.WorkOrderId);
            return new EntryDto(e.Position, e.Label, e.Subject, e.Phone, e.Work, e.WorkOrderId,
                e.WorkOrderId is { } w ? $"WO{w:000000}" : null, job?.SiteName);
        }).ToList();
        var matched = entries.Where(e => e.WorkOrderId is not null).Select(e => e.WorkOrderId!.Value).ToHashSet();
        var without = jobs.Where(j => !matched.Contains(j.WorkOrderId)).Select(j => new JobDto(j.WorkOrderId, j.Number, j.SiteName, j.CustomerName)).ToList();
        ReportTiming? timing = report.Day is { } day ? TimingOf(report.ReceivedAt, await WindowAsync(day)) : null;
        var judgement = await db.DailyReportJudgements.AsNoTracking().Where(j => j.DailyReportId == id && j.IncidentId != null)
            .Select(j => new { Id = j.IncidentId!.Value, j.Verdict }).FirstOrDefaultAsync();
        (int, string)? incident = null;
        if (judgement is not null && await db.Incidents(scope).AnyAsync(i => i.Id == judgement.Id))
            incident = (judgement.Id, Incident.NumberOf(judgement.Id));
        return new ReportDetailsDto(summary, report.Text, enteredBy, entries, without, parsed.Problems, timing, incident);
    }
}
