using System.Globalization;
using AfterSales.Data;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.People;
using AfterSales.Domain.Travel;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Schedule;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Dispatch;

/// <summary>
/// The dispatcher's rules (SCH-4), from configuration <c>Dispatch</c>: how long a job takes by kind and repair class,
/// the minimum skill level by repair class, travel (straight line × road factor at a speed), the WO-4 preference, the
/// optimizer's time budget and the overnight run.
/// </summary>
public sealed class DispatchOptions
{
    /// <summary>Minutes a job of each kind takes on site (repairs: see <see cref="RepairMinutes"/>).</summary>
    public Dictionary<WorkOrderKind, int> KindMinutes { get; set; } = new()
    {
        [WorkOrderKind.Measurement] = 60,
        [WorkOrderKind.Guidance] = 90,
        [WorkOrderKind.Installation] = 150,
        [WorkOrderKind.Maintenance] = 90,
        [WorkOrderKind.Repair] = 120,
        [WorkOrderKind.Rework] = 120,
        [WorkOrderKind.Rectification] = 120,
        [WorkOrderKind.Inspection] = 60,
        [WorkOrderKind.Training] = 120,
        [WorkOrderKind.FollowUp] = 45,
    };

    /// <summary>Minutes of a repair by its class (WO-7): minor under half a day; medium and major take the day on the board.</summary>
    public Dictionary<RepairClass, int> RepairMinutes { get; set; } = new()
    {
        [RepairClass.Minor] = 120,
        [RepairClass.Medium] = 240,
        [RepairClass.Major] = 420,
    };

    /// <summary>The lowest technician grade (Staff.SkillLevel 1–5) sent to a repair of each class.</summary>
    public Dictionary<RepairClass, int> RepairMinimumLevel { get; set; } = new()
    {
        [RepairClass.Minor] = 1,
        [RepairClass.Medium] = 2,
        [RepairClass.Major] = 3,
    };

    /// <summary>Road distance = straight-line distance × this.</summary>
    public double RoadFactor { get; set; } = 1.3;

    /// <summary>Average driving speed in km/h.</summary>
    public double SpeedKmh { get; set; } = 40;

    /// <summary>What sending someone other than the customer's own technician (WO-4) costs, in kilometres of travel.</summary>
    public double OwnTechnicianPenaltyKm { get; set; } = 80;

    /// <summary>Optimizer budget when run from the board.</summary>
    public double SolverSeconds { get; set; } = 2;

    /// <summary>How often the overnight worker looks (seconds); 0 turns it off (tests).</summary>
    public int OvernightIntervalSeconds { get; set; } = 600;

    /// <summary>The local hour after which the overnight run proposes the next day's plan.</summary>
    public int OvernightHour { get; set; } = 20;

    public int DaysAhead { get; set; } = 4;
}

/// <summary>A job on the board: where, when agreed, how long, what it needs, and its planned place.</summary>
public sealed record PlannedJob(int Id, string Number, WorkOrderKind Kind, WorkOrderState State, int RegionId, string CustomerName, string Address,
    double? Latitude, double? Longitude, int WindowStart, int WindowEnd, int Duration, IReadOnlyList<string> RequiredSkills, int MinimumLevel,
    int? TechnicianId, int? OwnTechnicianId, bool Locked, int? Sequence, DateTimeOffset? PlannedStart);

/// <summary>A technician's day on the board: hours (null when not working, with the reason), home, skills and grade.</summary>
public sealed record PlannedTechnician(int Id, string Name, string StaffNumber, int RegionId, int SkillLevel, IReadOnlyList<string> Skills,
    double Latitude, double Longitude, bool HomeKnown, int? ShiftStart, int? ShiftEnd, string? Away);

/// <summary>Everything the optimizer and the board need for one region and one day, read from the database.</summary>
public sealed record DispatchDay(int RegionId, string RegionCode, string RegionName, DateOnly Day, IReadOnlyList<PlannedJob> Jobs,
    IReadOnlyList<PlannedTechnician> Technicians, double OriginLatitude, double OriginLongitude);

/// <summary>One stop of a simulated route: when the technician arrives, starts and leaves, and the travel before it.</summary>
public sealed record Stop(PlannedJob Job, double TravelMinutes, double TravelKm, double Arrival, double Start, double End)
{
    public bool Late => Start > Job.WindowEnd + PlanChecker.Tolerance;
}

public sealed record RouteTimes(IReadOnlyList<Stop> Stops, double BackHome, double TravelKm)
{
    public bool Overrun(PlannedTechnician t) => t.ShiftEnd is { } end && BackHome > end + PlanChecker.Tolerance;
}

/// <summary>
/// Builds the optimizer's <see cref="DispatchProblem"/> for a region and a day from the database (SCH-4) and times a
/// technician's route. Minutes from local midnight; lat/long projected to kilometres around the region's centre;
/// travel by the injected <see cref="ITravelSource"/> (straight line × road factor at a speed by default).
/// </summary>
public sealed class DispatchPlanner(AppDbContext db, Availability availability, LocalTime local, ITravelSource travel, IOptions<DispatchOptions> options)
{
    public const string LevelTag = "level:";

    private DispatchOptions Options => options.Value;

    public ITravelSource Travel => travel;

    /// <summary>The job states the optimizer places: not yet on the way.</summary>
    public static readonly WorkOrderState[] PlannableStates =
        [WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled, WorkOrderState.WaitingForDepartment];

    public async Task<DispatchDay> LoadAsync(int regionId, DateOnly day, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == regionId, ct) ?? throw new Domain.NotFoundException();
        var (dayStart, dayEnd) = local.DayOf(day);

        // Jobs: open, not yet under way, of the region, with an agreed window starting that day (SCH-2: the window is the
        // customer's; the optimizer chooses the technician and the order, never the time).
        var orders = await db.WorkOrders.AsNoTracking()
            .Where(w => w.RegionId == regionId && PlannableStates.Contains(w.State) && w.AppointmentStart >= dayStart && w.AppointmentStart < dayEnd)
            .Select(w => new
            {
                w.Id, w.Kind, w.State, w.RegionId, w.AppointmentStart, w.AppointmentEnd, w.TechnicianId, w.DispatchLocked, w.PlannedSequence,
                w.PlannedStart, w.RepairClass,
                Customer = db.Customers.Where(c => c.Id == w.CustomerId).Select(c => new { c.Name, c.TechnicianId }).First(),
                Site = db.Sites.Where(s => s.Id == w.SiteId).Select(s => new { s.Address, s.Latitude, s.Longitude }).First(),
            })
            .ToListAsync(ct);

        var orderIds = orders.Select(o => o.Id).ToList();
        var items = await db.WorkOrderItems.AsNoTracking().Where(i => orderIds.Contains(i.WorkOrderId))
            .Select(i => new { i.WorkOrderId, ProductId = i.ProductId ?? db.Equipment.Where(e => e.Id == i.EquipmentId).Select(e => e.ProductId).FirstOrDefault() })
            .ToListAsync(ct);
        var productIds = items.Select(i => i.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new { p.Category, p.EquipmentKind }, ct);
        var categories = items.Where(i => products.ContainsKey(i.ProductId)).ToLookup(i => i.WorkOrderId, i => products[i.ProductId]);

        // A product kind is a skill of its own once some technician carries that tag ("列车空调"); the category always is.
        var knownTags = (await db.TechnicianSkills.AsNoTracking().Select(s => s.Name).Distinct().ToListAsync(ct))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var jobs = orders.Select(o =>
        {
            var skills = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var c in categories[o.Id])
            {
                skills.Add(c.Category);
                if (c.EquipmentKind is { } kind && knownTags.Contains(kind)) skills.Add(kind);
            }
            var minimum = o.RepairClass is { } rc && Options.RepairMinimumLevel.TryGetValue(rc, out var lvl) ? lvl : Staff.LowestSkillLevel;
            return new PlannedJob(o.Id, $"WO{o.Id:000000}", o.Kind, o.State, o.RegionId, o.Customer.Name, o.Site.Address,
                (double?)o.Site.Latitude, (double?)o.Site.Longitude, Minutes(day, o.AppointmentStart!.Value), Minutes(day, o.AppointmentEnd!.Value),
                DurationOf(o.Kind, o.RepairClass), [.. skills], minimum, o.TechnicianId, o.Customer.TechnicianId, o.DispatchLocked,
                o.PlannedSequence, o.PlannedStart);
        }).OrderBy(j => j.WindowStart).ThenBy(j => j.Id).ToList();

        var staff = await db.Staff.AsNoTracking()
            .Where(s => s.RegionId == regionId && s.Role == StaffRole.Technician && s.IsActive)
            .OrderBy(s => s.StaffNumber)
            .Select(s => new { s.Id, s.Name, s.StaffNumber, s.SkillLevel, s.HomeLatitude, s.HomeLongitude })
            .ToListAsync(ct);
        var ids = staff.Select(s => s.Id).ToList();
        var skillsOf = (await db.TechnicianSkills.AsNoTracking().Where(s => ids.Contains(s.StaffId)).ToListAsync(ct)).ToLookup(s => s.StaffId, s => s.Name);
        var days = await availability.DaysAsync(ids, day, day);
        // A technician away on a trip that day is not available locally, whatever the roster says.
        var trips = await db.Trips.AsNoTracking()
            .Where(t => ids.Contains(t.TravellerId) && t.State != TripState.Rejected && t.PlannedDepartAt < dayEnd)
            .Select(t => new { t.TravellerId, t.PlannedDepartAt, t.PlannedReturnAt, t.DepartedAt, t.ReturnedAt, t.Destination })
            .ToListAsync(ct);

        // The projection's origin: the middle of the region's sites of the day, else of the technicians' homes.
        var points = jobs.Where(j => j.Latitude is not null).Select(j => (Lat: j.Latitude!.Value, Lng: j.Longitude!.Value))
            .Concat(staff.Where(s => s.HomeLatitude is not null).Select(s => (Lat: (double)s.HomeLatitude!.Value, Lng: (double)s.HomeLongitude!.Value)))
            .ToList();
        (double Lat, double Lng) origin = points.Count == 0 ? (0.0, 0.0) : (points.Average(p => p.Lat), points.Average(p => p.Lng));

        var technicians = staff.Select(s =>
        {
            var availabilityDay = days[s.Id][0];
            string? away = availabilityDay.TimeOff is { } off ? $"TimeOffKind.{off}" : availabilityDay.IsWorking ? null : "RestDay";
            var trip = trips.FirstOrDefault(t => t.TravellerId == s.Id && (t.DepartedAt ?? t.PlannedDepartAt) < dayEnd
                && (t.ReturnedAt ?? t.PlannedReturnAt) > dayStart);
            if (trip is not null) away = "Trip";
            var hours = away is null ? availabilityDay.Hours : null;
            var tags = skillsOf[s.Id].ToList();
            return new PlannedTechnician(s.Id, s.Name, s.StaffNumber, regionId, s.SkillLevel, tags,
                (double?)s.HomeLatitude ?? origin.Lat, (double?)s.HomeLongitude ?? origin.Lng, s.HomeLatitude is not null,
                hours is null ? null : hours.Start.Hour * 60 + hours.Start.Minute, hours is null ? null : hours.End.Hour * 60 + hours.End.Minute, away);
        }).ToList();
        return new DispatchDay(region.Id, region.Code, region.Name, day, jobs, technicians, origin.Lat, origin.Lng);
    }

    public int DurationOf(WorkOrderKind kind, RepairClass? repairClass) =>
        repairClass is { } rc && Options.RepairMinutes.TryGetValue(rc, out var r) ? r
        : Options.KindMinutes.TryGetValue(kind, out var k) ? k : 90;

    public int Minutes(DateOnly day, DateTimeOffset instant) =>
        (int)Math.Round((local.ToLocal(instant).DateTime - day.ToDateTime(TimeOnly.MinValue)).TotalMinutes);

    public DateTimeOffset Instant(DateOnly day, double minutes) => local.StartOf(day).AddMinutes(Math.Round(minutes));

    /// <summary>Equirectangular projection to kilometres around the day's origin: accurate to a fraction of a percent over a region.</summary>
    public static GeoPoint Project(DispatchDay d, double latitude, double longitude) =>
        new((longitude - d.OriginLongitude) * 111.32 * Math.Cos(d.OriginLatitude * Math.PI / 180), (latitude - d.OriginLatitude) * 110.57);

    public static GeoPoint Where(DispatchDay d, PlannedJob j) => Project(d, j.Latitude ?? d.OriginLatitude, j.Longitude ?? d.OriginLongitude);

    public static GeoPoint Home(DispatchDay d, PlannedTechnician t) => Project(d, t.Latitude, t.Longitude);

    /// <summary>The skills a technician offers the optimizer: their tags, plus "level:1" … "level:N" up to their grade.</summary>
    public static HashSet<string> Offers(PlannedTechnician t)
    {
        var set = new HashSet<string>(t.Skills, StringComparer.Ordinal);
        for (var l = 1; l <= t.SkillLevel; l++) set.Add(LevelTag + l.ToString(CultureInfo.InvariantCulture));
        return set;
    }

    public static HashSet<string> Needs(PlannedJob j)
    {
        var set = new HashSet<string>(j.RequiredSkills, StringComparer.Ordinal);
        if (j.MinimumLevel > 1) set.Add(LevelTag + j.MinimumLevel.ToString(CultureInfo.InvariantCulture));
        return set;
    }

    /// <summary>
    /// The optimizer's problem: every job of the day; the working technicians (a technician not working is left out, so
    /// a job locked to them is explained as having no compatible technician); the lock; the job's technician, else the
    /// customer's own technician, preferred (WO-4).
    /// </summary>
    public DispatchProblem Problem(DispatchDay d)
    {
        var working = d.Technicians.Where(t => t.ShiftStart is not null).ToList();
        var jobs = d.Jobs.Select(j => new DispatchJob(Id(j.Id), Where(d, j), j.WindowStart, j.WindowEnd, j.Duration)
        {
            RequiredSkills = Needs(j),
            LockedTechnician = j.Locked && j.TechnicianId is { } locked ? Id(locked) : null,
            PreferredTechnician = (j.TechnicianId ?? j.OwnTechnicianId) is { } own ? Id(own) : null,
            PreferencePenalty = Options.OwnTechnicianPenaltyKm,
        }).ToList();
        var techs = working.Select(t => new DispatchTechnician(Id(t.Id), Home(d, t), Home(d, t), t.ShiftStart!.Value, t.ShiftEnd!.Value)
        {
            Skills = Offers(t),
        }).ToList();
        return new DispatchProblem($"{d.RegionCode} {d.Day:yyyy-MM-dd}", jobs, techs, travel);
    }

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Times a technician's day in the given order: leave home at the start of the shift, wait for windows.</summary>
    public RouteTimes Simulate(DispatchDay d, PlannedTechnician t, IEnumerable<PlannedJob> ordered)
    {
        var here = Home(d, t);
        var clock = (double)(t.ShiftStart ?? 8 * 60);
        var stops = new List<Stop>();
        var km = 0.0;
        foreach (var job in ordered)
        {
            var there = Where(d, job);
            var minutes = travel.TravelTime(here, there);
            var distance = travel.Distance(here, there);
            km += distance;
            var arrival = clock + minutes;
            var start = Math.Max(arrival, job.WindowStart);
            stops.Add(new Stop(job, minutes, distance, arrival, start, start + job.Duration));
            clock = start + job.Duration;
            here = there;
        }
        var home = Home(d, t);
        km += travel.Distance(here, home);
        return new RouteTimes(stops, clock + travel.TravelTime(here, home), km);
    }
}
