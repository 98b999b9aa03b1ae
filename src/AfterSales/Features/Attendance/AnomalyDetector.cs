using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.Attendance;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Assessment;
using AfterSales.Features.Schedule;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Attendance;

public sealed record DetectionResult(DateOnly Day, int Found, int Raised, int Waived);

/// <summary>
/// Runs the location rules (ATT-1) over a local day and raises a <c>gps_anomaly</c> incident for each new anomaly
/// (ASM-1; waived under a special case reported in advance, ASM-6). Safe to rerun and to run on several instances: an
/// anomaly's key is unique, a key already on record is skipped, and a lost insert race is left to the winner.
/// </summary>
public sealed class AnomalyDetector(AppDbContext db, Availability availability, IncidentService incidents, LocalTime local, TimeProvider clock,
    CompanyText text, IOptions<AttendanceOptions> options, ILogger<AnomalyDetector> log)
{
    public async Task<DetectionResult> RunAsync(DateOnly day, CancellationToken ct = default)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var judgedUntil = now.AddMinutes(-Math.Max(0, settings.LateUploadMinutes));
        var (dayStart, dayEnd) = local.DayOf(day);
        var positions = (await db.Positions.AsNoTracking().Where(p => p.At >= dayStart && p.At < dayEnd)
                .Select(p => new { p.StaffId, p.At, p.Latitude, p.Longitude }).ToListAsync(ct))
            .Select(p => (p.StaffId, Fix: new Fix(p.At, p.Latitude, p.Longitude))).ToList();
        var visits = await db.Visits.AsNoTracking().Where(v => v.CheckedInAt >= dayStart && v.CheckedInAt < dayEnd)
            .Select(v => new { v.Id, v.WorkOrderId, v.TechnicianId, v.CheckedInAt, v.CheckInMetersFromSite, v.CheckInLatitude, v.CheckInLongitude,
                v.CheckedOutAt, v.CheckOutLatitude, v.CheckOutLongitude })
            .ToListAsync(ct);
        // Check-in and check-out record a position too: they count as fixes.
        foreach (var v in visits)
        {
            if (v.CheckInLatitude is { } lat && v.CheckInLongitude is { } lng) positions.Add((v.TechnicianId, new Fix(v.CheckedInAt!.Value, lat, lng)));
            if (v.CheckedOutAt is { } outAt && v.CheckOutLatitude is { } olat && v.CheckOutLongitude is { } olng) positions.Add((v.TechnicianId, new Fix(outAt, olat, olng)));
        }
        var fixes = positions.ToLookup(p => p.StaffId, p => p.Fix);
        var jobs = await db.WorkOrders.AsNoTracking()
            .Where(w => w.TechnicianId != null && w.AppointmentStart >= dayStart && w.AppointmentStart < dayEnd && w.AppointmentEnd <= judgedUntil
                && w.State != WorkOrderState.Cancelled)
            .Join(db.Sites, w => w.SiteId, s => s.Id, (w, s) => new { w.Id, Technician = w.TechnicianId!.Value, w.AppointmentStart, w.AppointmentEnd, s.Latitude, s.Longitude })
            .Where(j => j.Latitude != null && j.Longitude != null)
            .ToListAsync(ct);

        var findings = new List<AnomalyFinding>();
        foreach (var v in visits)
            if (CheckInTooFarFromSite.Check(v.TechnicianId, v.Id, v.WorkOrderId, v.CheckedInAt, v.CheckInMetersFromSite, settings.CheckInMaxMeters) is { } f)
                findings.Add(f);
        // Positions are expected of technicians out in the field that day, not of one with nothing booked.
        var booked = await availability.OnFieldDutyAsync(day, ct);
        var onDuty = await db.Staff.AsNoTracking().Where(s => booked.Contains(s.Id) && s.Role == StaffRole.Technician && s.IsActive)
            .Select(s => s.Id).Order().ToListAsync(ct);
        var days = await availability.DaysAsync(onDuty, day, day);
        foreach (var staffId in onDuty)
        {
            if (days[staffId][0].Hours is not { } hours) continue;
            findings.AddRange(NoPositionTooLong.Check(staffId, local.Instant(day, hours.Start), local.Instant(day, hours.End),
                [.. fixes[staffId].Select(f => f.At)], TimeSpan.FromMinutes(settings.NoPositionMinutes), judgedUntil));
        }
        foreach (var j in jobs)
            if (FarFromScheduledJob.Check(j.Technician, j.Id, j.AppointmentStart!.Value, j.AppointmentEnd!.Value, (double)j.Latitude!.Value,
                    (double)j.Longitude!.Value, fixes[j.Technician], settings.JobMaxMeters) is { } f)
                findings.Add(f);

        var keys = findings.Select(f => f.Key).ToList();
        var known = (await db.LocationAnomalies.AsNoTracking().Where(a => keys.Contains(a.Key)).Select(a => a.Key).ToListAsync(ct)).ToHashSet();
        var fresh = findings.Where(f => !known.Contains(f.Key)).ToList();
        if (fresh.Count == 0) return new DetectionResult(day, findings.Count, 0, 0);

        var people = fresh.Select(f => f.StaffId).Distinct().ToList();
        var cases = await db.SpecialCases.AsNoTracking().Where(c => people.Contains(c.StaffId) && c.From < dayEnd && c.To >= dayStart).ToListAsync(ct);
        int raised = 0, waived = 0;
        foreach (var finding in fresh)
        {
            ct.ThrowIfCancellationRequested();
            var excused = PreReportedSpecialCase.Find(cases, finding);
            try
            {
                if (!await RaiseAsync(finding, excused, now, ct)) continue;
            }
            catch (DomainException e)
            {
                // The policy cannot judge it (e.g. the technician has no manager for the co-penalty): tried again next run.
                log.LogWarning("Location anomaly {Key} not raised: {Code}", finding.Key, e.Code);
                db.ChangeTracker.Clear();
                continue;
            }
            raised++;
            if (excused is not null) waived++;
        }
        return new DetectionResult(day, findings.Count, raised, waived);
    }

    private async Task<bool> RaiseAsync(AnomalyFinding finding, SpecialCase? excused, DateTimeOffset now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var anomaly = new LocationAnomaly(finding, excused?.Id, now);
        var incident = await incidents.AddAsync(new IncidentDraft
        {
            PersonId = finding.StaffId, RegionId = 0, Kind = "gps_anomaly", At = finding.At, Description = Describe(finding),
            Waived = excused is not null, WaiverReason = excused is null ? null : text["Waiver.SpecialCase", excused.Reason],
            WorkOrderId = finding.WorkOrderId, Source = "location",
        }, recordedById: null);
        anomaly.Raised(incident);
        db.LocationAnomalies.Add(anomaly);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (!ct.IsCancellationRequested)
        {
            // Another instance raised the same key between our read and our save: theirs stands.
            log.LogDebug("Location anomaly {Key} already raised elsewhere: {Error}", finding.Key, e.InnerException?.Message ?? e.Message);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private string Describe(AnomalyFinding f) => f.Rule switch
    {
        AnomalyRule.CheckInFarFromSite => text["Anomaly.CheckIn", Distance.Text(f.MetersAway ?? 0), $"WO{f.WorkOrderId:000000}", text.Time(f.At)],
        AnomalyRule.NoPosition => text["Anomaly.NoPosition", text.Time(f.At), text.Clock(f.Until!.Value)],
        _ => text["Anomaly.FarFromJob", Distance.Text(f.MetersAway ?? 0), $"WO{f.WorkOrderId:000000}", text.Time(f.At), text.Clock(f.Until!.Value)],
    };
}
