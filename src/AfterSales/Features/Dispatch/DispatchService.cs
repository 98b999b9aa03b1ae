using System.Globalization;
using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Features.WorkOrders;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Dispatch;

/// <summary>
/// The dispatch board's rules (SCH-4), shared by the page and the API: the board of a region's day, the optimizer's
/// proposal and its acceptance, moving a job with every conflict shown first, locks. Accepting and moving assign the
/// technician through the work order's verbs (a change of technician is WO-4's request, decided at once by a
/// dispatcher who may approve changes) and store the planned order and start on each job; all of it audited.
/// </summary>
public sealed class DispatchService(AppDbContext db, DispatchPlanner planner, TimeProvider clock, LocalTime local, AuditActor actor,
    IOptions<DispatchOptions> options, IStringLocalizer<DispatchText> text, IStringLocalizer<WorkOrdersText> workOrderText)
{
    /// <summary>The region a person dispatches: the one asked for (by code or id) if they see it, else their own.</summary>
    public async Task<int> RegionAsync(ClaimsPrincipal user, string? region)
    {
        var scope = AccessScope.From(user);
        int? id = null;
        if (!string.IsNullOrWhiteSpace(region))
        {
            var code = region.Trim().ToUpperInvariant();
            id = int.TryParse(region, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? await db.Regions.Where(r => r.Id == n).Select(r => (int?)r.Id).SingleOrDefaultAsync()
                : await db.Regions.Where(r => r.Code == code).Select(r => (int?)r.Id).SingleOrDefaultAsync();
            if (id is null) throw new NotFoundException();
        }
        id ??= scope.RegionId ?? await db.Regions.OrderBy(r => r.Code).Select(r => (int?)r.Id).FirstOrDefaultAsync() ?? throw new NotFoundException();
        // SEC-2: a dispatcher of another region neither sees nor changes this one.
        if (!scope.SeesRegion(id.Value)) throw new NotFoundException();
        return id.Value;
    }

    private static void EnsureDispatches(ClaimsPrincipal user, int regionId)
    {
        var scope = AccessScope.From(user);
        if (!scope.SeesRegion(regionId)) throw new NotFoundException();
        if (!Policies.Allows(Policies.Dispatch, scope.Role)) throw new ForbiddenException();
    }

    public IReadOnlyList<DateOnly> Days()
    {
        var today = local.Today;
        return [.. Enumerable.Range(0, options.Value.DaysAhead + 1).Select(today.AddDays)];
    }

    public async Task<BoardDto> BoardAsync(ClaimsPrincipal user, int regionId, DateOnly day)
    {
        EnsureDispatches(user, regionId);
        CheckDay(day);
        var d = await planner.LoadAsync(regionId, day);
        var names = await NamesAsync(d);
        BoardJobDto Dto(PlannedJob j) => new(j.Id, j.Number, j.Kind, workOrderText["Kind." + j.Kind], j.CustomerName, j.Address, j.Latitude,
            j.Longitude, j.WindowStart, j.WindowEnd, j.Duration, j.RequiredSkills, j.MinimumLevel, j.TechnicianId,
            j.TechnicianId is { } t ? names.GetValueOrDefault(t) : null, j.OwnTechnicianId, j.OwnTechnicianId is { } o ? names.GetValueOrDefault(o) : null,
            j.Locked);
        var technicians = d.Technicians.Select(t =>
        {
            var ordered = PlannedOf(d, t.Id);
            var route = planner.Simulate(d, t, ordered);
            var stops = route.Stops.Select((s, i) => new BoardStopDto(Dto(s.Job), i + 1, (int)Math.Round(s.TravelMinutes), Math.Round(s.TravelKm, 1),
                (int)Math.Round(s.Arrival), (int)Math.Round(s.Start), (int)Math.Round(s.End), s.Late)).ToList();
            var conflicts = ordered.Count == 0 ? [] : RouteConflicts(d, t, route, names);
            return new BoardTechnicianDto(t.Id, t.Name, t.StaffNumber, t.SkillLevel, t.Skills, t.Latitude, t.Longitude, t.HomeKnown, t.ShiftStart,
                t.ShiftEnd, t.Away is null ? null : text["Away." + t.Away].Value, stops, Math.Round(route.TravelKm, 1),
                ordered.Count == 0 ? null : (int)Math.Round(route.BackHome), conflicts);
        }).ToList();
        var unplanned = d.Jobs.Where(j => j.Sequence is null || j.TechnicianId is null || d.Technicians.All(t => t.Id != j.TechnicianId))
            .Select(Dto).ToList();
        var proposal = await db.DispatchProposals.AsNoTracking().Where(p => p.RegionId == regionId && p.Day == day)
            .OrderByDescending(p => p.Id).Select(p => p.Id).FirstOrDefaultAsync();
        return new BoardDto(d.RegionId, d.RegionCode, d.RegionName, day, technicians, unplanned,
            proposal == 0 ? null : await ProposalAsync(proposal, d, names), d.OriginLatitude, d.OriginLongitude);
    }

    /// <summary>A technician's planned jobs of the day in their planned order.</summary>
    private static List<PlannedJob> PlannedOf(DispatchDay d, int technicianId) =>
        [.. d.Jobs.Where(j => j.TechnicianId == technicianId && j.Sequence is not null).OrderBy(j => j.Sequence).ThenBy(j => j.WindowStart)];

    private async Task<Dictionary<int, string>> NamesAsync(DispatchDay d)
    {
        var ids = d.Jobs.SelectMany(j => new[] { j.TechnicianId, j.OwnTechnicianId }).OfType<int>().Concat(d.Technicians.Select(t => t.Id)).Distinct().ToList();
        return await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);
    }

    private async Task<ProposalDto> ProposalAsync(int id, DispatchDay d, Dictionary<int, string> names)
    {
        var p = await db.DispatchProposals.AsNoTracking().Include(x => x.Lines).SingleAsync(x => x.Id == id);
        var jobs = d.Jobs.ToDictionary(j => j.Id);
        var missing = p.Lines.Select(l => l.WorkOrderId).Where(w => !jobs.ContainsKey(w)).ToList();
        var customers = await db.WorkOrders.AsNoTracking().Where(w => missing.Contains(w.Id))
            .Select(w => new { w.Id, Name = db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First() }).ToDictionaryAsync(x => x.Id, x => x.Name);
        var lines = p.Lines.OrderBy(l => l.TechnicianId is null).ThenBy(l => l.TechnicianId is { } t ? names.GetValueOrDefault(t) : "")
            .ThenBy(l => l.Sequence).ThenBy(l => l.WorkOrderId)
            .Select(l => new ProposalLineDto(l.Id, l.WorkOrderId, $"WO{l.WorkOrderId:000000}",
                jobs.TryGetValue(l.WorkOrderId, out var j) ? j.CustomerName : customers.GetValueOrDefault(l.WorkOrderId, ""),
                l.TechnicianId, l.TechnicianId is { } t ? names.GetValueOrDefault(t) : null, l.Sequence,
                l.PlannedStart is { } s ? planner.Minutes(p.Day, s) : null, l.Reason?.ToString(),
                l.Reason is { } r ? text["Reason." + r].Value : null, l.AcceptedAt is not null,
                j is not null && l.TechnicianId is not null && (j.TechnicianId ?? j.OwnTechnicianId) == l.TechnicianId))
            .ToList();
        return new ProposalDto(p.Id, p.Day, p.CreatedAt, p.CreatedBy, p.OvernightDay is not null, lines);
    }

    public async Task<ProposalDto> GetProposalAsync(ClaimsPrincipal user, int proposalId)
    {
        var p = await db.DispatchProposals.AsNoTracking().SingleOrDefaultAsync(x => x.Id == proposalId) ?? throw new NotFoundException();
        EnsureDispatches(user, p.RegionId);
        var d = await planner.LoadAsync(p.RegionId, p.Day);
        return await ProposalAsync(p.Id, d, await NamesAsync(d));
    }

    /// <summary>Runs the optimizer on the region's day and stores its proposal (nothing on the jobs changes).</summary>
    public async Task<int> OptimizeAsync(ClaimsPrincipal user, int regionId, DateOnly? day, CancellationToken ct = default)
    {
        EnsureDispatches(user, regionId);
        CheckDay(day ?? throw new DomainException("Required") { Field = "Day" });
        return (await ProposeAsync(regionId, day.Value, overnight: false, ct))!.Value;
    }

    /// <summary>Boards are planned a year back or ahead at most (a mistyped year is refused, not searched).</summary>
    private void CheckDay(DateOnly day)
    {
        if (Math.Abs(day.DayNumber - local.Today.DayNumber) > 366) throw new DomainException("DispatchDayOutOfRange") { Field = "Day" };
    }

    /// <summary>
    /// Solves the day and stores the proposal. The overnight run's proposal is unique per region and day: when another
    /// instance got there first, its insert fails here and this returns null.
    /// </summary>
    public async Task<int?> ProposeAsync(int regionId, DateOnly day, bool overnight, CancellationToken ct = default)
    {
        if (overnight && await db.DispatchProposals.AnyAsync(p => p.RegionId == regionId && p.OvernightDay == day, ct)) return null;
        var d = await planner.LoadAsync(regionId, day, ct);
        var problem = planner.Problem(d);
        var plan = DispatchSolver.Solve(problem, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(options.Value.SolverSeconds), Threads = 1 });
        var proposal = new DispatchProposal(regionId, day, clock.GetUtcNow(), actor.Name, overnight);
        var jobs = d.Jobs.ToDictionary(j => DispatchPlanner.Id(j.Id));
        foreach (var route in plan.Routes)
        {
            var tech = d.Technicians.Single(t => DispatchPlanner.Id(t.Id) == route.TechnicianId);
            var times = planner.Simulate(d, tech, route.JobIds.Select(id => jobs[id]));
            for (var i = 0; i < times.Stops.Count; i++)
                proposal.AddLine(times.Stops[i].Job.Id, tech.Id, i + 1, planner.Instant(day, times.Stops[i].Start), null);
        }
        foreach (var left in plan.Unassigned) proposal.AddLine(jobs[left.JobId].Id, null, null, null, left.Reason);
        db.DispatchProposals.Add(proposal);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (overnight)
        {
            db.ChangeTracker.Clear();
            if (await db.DispatchProposals.AnyAsync(p => p.RegionId == regionId && p.OvernightDay == day, ct)) return null;
            throw;
        }
        return proposal.Id;
    }

    /// <summary>
    /// Accepts the proposal's placed lines (all, or those ticked): each job goes to its technician and every affected
    /// technician's day is re-timed in the order of the planned starts. Lines whose job has since left the day are skipped.
    /// </summary>
    public async Task<AcceptResult> AcceptAsync(ClaimsPrincipal user, AcceptInput input)
    {
        var proposal = await db.DispatchProposals.Include(p => p.Lines).SingleOrDefaultAsync(p => p.Id == input.ProposalId) ?? throw new NotFoundException();
        EnsureDispatches(user, proposal.RegionId);
        var chosen = proposal.Lines.Where(l => l.TechnicianId is not null && l.AcceptedAt is null
            && (input.LineIds is null || input.LineIds.Contains(l.Id))).ToList();
        if (input.LineIds is { } ids && ids.Any(id => proposal.Lines.All(l => l.Id != id))) throw new NotFoundException();
        var d = await planner.LoadAsync(proposal.RegionId, proposal.Day);
        var planned = d.Jobs.ToDictionary(j => j.Id);
        var orders = await TrackedAsync(d);
        var affected = new HashSet<int>();
        var now = clock.GetUtcNow();
        var scope = AccessScope.From(user);
        int accepted = 0, skipped = 0;
        foreach (var line in chosen)
        {
            if (!planned.TryGetValue(line.WorkOrderId, out var job) || d.Technicians.All(t => t.Id != line.TechnicianId))
            {
                skipped++;
                continue;
            }
            if (job.TechnicianId is { } before) affected.Add(before);
            AssignTo(orders[job.Id], line.TechnicianId!.Value, scope, now);
            planned[job.Id] = job with { TechnicianId = line.TechnicianId, Sequence = line.Sequence, PlannedStart = line.PlannedStart };
            affected.Add(line.TechnicianId.Value);
            line.Accept(now);
            accepted++;
        }
        var day = d with { Jobs = [.. planned.Values] };
        foreach (var technicianId in affected)
        {
            if (day.Technicians.SingleOrDefault(t => t.Id == technicianId) is not { } tech) continue;
            var ordered = day.Jobs.Where(j => j.TechnicianId == technicianId && j.Sequence is not null)
                .OrderBy(j => j.PlannedStart).ThenBy(j => j.Sequence).ToList();
            Retime(day, tech, ordered, orders);
        }
        await db.SaveChangesAsync();
        return new AcceptResult(accepted, skipped);
    }

    private async Task<Dictionary<int, WorkOrder>> TrackedAsync(DispatchDay d)
    {
        var ids = d.Jobs.Select(j => j.Id).ToList();
        return await db.WorkOrders.Include(w => w.ChangeRequests).Include(w => w.Helpers).Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id);
    }

    /// <summary>Gives the job to the technician: the first assignment directly, a change as WO-4's request approved by the dispatcher.</summary>
    private void AssignTo(WorkOrder order, int technicianId, AccessScope scope, DateTimeOffset now)
    {
        if (order.TechnicianId is null)
        {
            order.AssignTechnician(technicianId);
            return;
        }
        if (order.TechnicianId == technicianId) return;
        if (!Policies.Allows(Policies.ApproveTechnicianChange, scope.Role)) throw new ForbiddenException("DispatchChangeNeedsManager");
        order.RequestTechnicianChange(technicianId, text["ChangeReason"], false, scope.StaffId, now);
        var request = order.ChangeRequests.Single(r => r.State == ChangeRequestState.Pending);
        order.DecideTechnicianChange(request.Id, true, scope.StaffId, now, text["ChangeReason"]);
    }

    /// <summary>Numbers a technician's jobs 1…n in this order and stores each planned start (leaving home at the start of the shift).</summary>
    private void Retime(DispatchDay d, PlannedTechnician tech, IReadOnlyList<PlannedJob> ordered, Dictionary<int, WorkOrder> orders)
    {
        var route = planner.Simulate(d, tech, ordered);
        for (var i = 0; i < route.Stops.Count; i++)
            orders[route.Stops[i].Job.Id].PlanVisit(i + 1, planner.Instant(d.Day, route.Stops[i].Start));
    }

    /// <summary>Where the job would go: the technician's planned day with the job at the position (1-based; none = last).</summary>
    private static (PlannedJob Job, List<PlannedJob> Order) Placement(DispatchDay d, int workOrderId, int technicianId, int? position)
    {
        var job = d.Jobs.SingleOrDefault(j => j.Id == workOrderId) ?? throw new DomainException("DispatchJobNotOnDay") { Field = "WorkOrderId" };
        var order = PlannedOf(d, technicianId).Where(j => j.Id != workOrderId).ToList();
        var at = Math.Clamp((position ?? order.Count + 1) - 1, 0, order.Count);
        order.Insert(at, job);
        return (job, order);
    }

    private async Task<(DispatchDay Day, WorkOrder Order)> DayOfJobAsync(ClaimsPrincipal user, int workOrderId)
    {
        var order = await db.WorkOrders.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workOrderId) ?? throw new NotFoundException();
        EnsureDispatches(user, order.RegionId);
        if (order.AppointmentStart is null || !DispatchPlanner.PlannableStates.Contains(order.State))
            throw new DomainException("DispatchJobNotPlannable") { Field = "WorkOrderId" };
        var day = DateOnly.FromDateTime(local.ToLocal(order.AppointmentStart.Value).DateTime);
        return (await planner.LoadAsync(order.RegionId, day), order);
    }

    /// <summary>Every conflict of placing the job in the technician's day: skills and grade, working day and hours, windows given travel, WO-4, region, lock.</summary>
    public async Task<IReadOnlyList<ConflictDto>> CheckMoveAsync(ClaimsPrincipal user, MoveInput input)
    {
        var (d, _) = await DayOfJobAsync(user, input.WorkOrderId);
        if (input.TechnicianId is not { } technicianId) return [];
        return await ConflictsAsync(d, input.WorkOrderId, technicianId, input.Position);
    }

    private async Task<List<ConflictDto>> ConflictsAsync(DispatchDay d, int workOrderId, int technicianId, int? position)
    {
        var names = await NamesAsync(d);
        var tech = d.Technicians.SingleOrDefault(t => t.Id == technicianId);
        if (tech is null)
        {
            // Not a technician of the job's region (or not a technician at all).
            var other = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == technicianId && s.Role == Domain.People.StaffRole.Technician && s.IsActive)
                ?? throw new DomainException("DispatchNotATechnician") { Field = "TechnicianId" };
            return [new("OtherRegion", workOrderId, text["Conflict.OtherRegion", other.Name, d.RegionName])];
        }
        var (job, order) = Placement(d, workOrderId, technicianId, position);
        var conflicts = new List<ConflictDto>();
        if (job.Locked && job.TechnicianId is { } locked && locked != technicianId)
            conflicts.Add(new("Locked", job.Id, text["Conflict.Locked", job.Number, names.GetValueOrDefault(locked, "")]));
        var missing = job.RequiredSkills.Where(s => !tech.Skills.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0) conflicts.Add(new("Skill", job.Id, text["Conflict.Skill", tech.Name, string.Join("、", missing)]));
        if (tech.SkillLevel < job.MinimumLevel) conflicts.Add(new("SkillLevel", job.Id, text["Conflict.SkillLevel", tech.Name, tech.SkillLevel, job.MinimumLevel]));
        if ((job.TechnicianId ?? job.OwnTechnicianId) is { } own && own != technicianId)
            conflicts.Add(new("NotOwnTechnician", job.Id, text["Conflict.NotOwnTechnician", job.CustomerName, names.GetValueOrDefault(own, "")]));
        if (tech.ShiftStart is null)
        {
            conflicts.Add(new("NotWorking", job.Id, text["Conflict.NotWorking", tech.Name, text["Away." + (tech.Away ?? "RestDay")]]));
            return conflicts;
        }
        conflicts.AddRange(RouteConflicts(d, tech, planner.Simulate(d, tech, order), names));
        return conflicts;
    }

    /// <summary>Windows missed given travel, and a day that ends after the working hours.</summary>
    private List<ConflictDto> RouteConflicts(DispatchDay d, PlannedTechnician tech, RouteTimes route, Dictionary<int, string> names)
    {
        var conflicts = new List<ConflictDto>();
        if (tech.ShiftStart is null)
        {
            conflicts.Add(new("NotWorking", null, text["Conflict.NotWorking", tech.Name, text["Away." + (tech.Away ?? "RestDay")]]));
            return conflicts;
        }
        foreach (var stop in route.Stops.Where(s => s.Late))
            conflicts.Add(new("Window", stop.Job.Id, text["Conflict.Window", stop.Job.Number, Hm(stop.Start), Hm(stop.Job.WindowEnd)]));
        if (route.Overrun(tech)) conflicts.Add(new("Hours", null, text["Conflict.Hours", tech.Name, Hm(route.BackHome), Hm(tech.ShiftEnd!.Value)]));
        return conflicts;
    }

    public static string Hm(double minutes)
    {
        var m = (int)Math.Round(minutes);
        return $"{m / 60:00}:{m % 60:00}";
    }

    /// <summary>Moves the job (or takes it off the plan). With conflicts and without force nothing is saved and the conflicts come back.</summary>
    public async Task<MoveResult> MoveAsync(ClaimsPrincipal user, MoveInput input)
    {
        var (d, current) = await DayOfJobAsync(user, input.WorkOrderId);
        var conflicts = input.TechnicianId is { } target ? await ConflictsAsync(d, input.WorkOrderId, target, input.Position) : [];
        if (conflicts.Count > 0 && !input.Force) return new MoveResult(false, conflicts);
        var orders = await TrackedAsync(d);
        var order = orders[input.WorkOrderId];
        var job = d.Jobs.Single(j => j.Id == input.WorkOrderId);
        var previous = job.Sequence is null ? null : job.TechnicianId;
        if (input.TechnicianId is { } technicianId)
        {
            if (d.Technicians.All(t => t.Id != technicianId)) throw new DomainException("DispatchNotATechnician") { Field = "TechnicianId" };
            AssignTo(order, technicianId, AccessScope.From(user), clock.GetUtcNow());
            var (_, placed) = Placement(d, input.WorkOrderId, technicianId, input.Position);
            Retime(d, d.Technicians.Single(t => t.Id == technicianId), placed, orders);
        }
        else
        {
            order.Unplan();
        }
        if (previous is { } old && old != input.TechnicianId && d.Technicians.SingleOrDefault(t => t.Id == old) is { } oldTech)
            Retime(d, oldTech, PlannedOf(d, old).Where(j => j.Id != input.WorkOrderId).ToList(), orders);
        db.ExpectVersion(order, current.Version);
        await db.SaveChangesAsync();
        return new MoveResult(true, conflicts);
    }

    public async Task LockAsync(ClaimsPrincipal user, LockInput input)
    {
        var order = await db.WorkOrders.SingleOrDefaultAsync(w => w.Id == input.WorkOrderId) ?? throw new NotFoundException();
        EnsureDispatches(user, order.RegionId);
        order.SetDispatchLock(input.Locked);
        await db.SaveChangesAsync();
    }
}
