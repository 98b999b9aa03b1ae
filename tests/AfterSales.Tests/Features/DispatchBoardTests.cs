using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Data;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Scheduling;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Demo;
using AfterSales.Features.Dispatch;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// Issue 11 over HTTP on both engines: the dispatch board of region FJ on the demo's jobs (SCH-4, WO-4, SCH-2). Plans are
/// checked by <see cref="PlanChecker"/>, which shares nothing with the solver.
/// </summary>
public sealed class DispatchBoardTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>The board's day: a Wednesday at least two weeks ahead (clear of the demo's days off and trips; the test clock only moves forward).</summary>
    private readonly DateOnly _day = NextWednesday(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(15));

    private static DateOnly NextWednesday(DateOnly from)
    {
        while (from.DayOfWeek != DayOfWeek.Wednesday) from = from.AddDays(1);
        return from;
    }

    private string Day => _day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The app with its clock on the day before, 10:00, and tomorrow's jobs of the demo (the dispatcher's morning).</summary>
    private async Task<(TestApp App, Dictionary<string, int> Jobs)> StartAsync(Db db, int hour = 10)
    {
        var app = await TestApp.StartAsync(db, new Dictionary<string, string> { ["Dispatch:SolverSeconds"] = "0.5" });
        app.Factory.Clock.SetUtcNow(new DateTimeOffset(_day.AddDays(-1).ToDateTime(new TimeOnly(hour, 0)), Shanghai));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var ids = await ActivatorUtilities.CreateInstance<DemoDispatch>(scope.ServiceProvider).SeedAsync(_day);
        var jobs = DemoDispatch.Jobs.Select((j, i) => (j.Customer, Id: ids[i])).ToDictionary(x => x.Customer, x => x.Id);
        return (app, jobs);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> OptimizeAsync(HttpClient client) =>
        await Json(await client.PostAsJsonAsync("/api/dispatch/optimize", new { region = "FJ", day = Day }));

    /// <summary>The proposal as a plan for the problem built from the database now, for <see cref="PlanChecker"/>.</summary>
    private static async Task<(DispatchProblem Problem, DispatchPlan Plan)> AsPlanAsync(TestApp app, int proposalId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var planner = scope.ServiceProvider.GetRequiredService<DispatchPlanner>();
        var proposal = await db.DispatchProposals.AsNoTracking().Include(p => p.Lines).SingleAsync(p => p.Id == proposalId);
        var problem = planner.Problem(await planner.LoadAsync(proposal.RegionId, proposal.Day));
        var routes = proposal.Lines.Where(l => l.TechnicianId is not null).GroupBy(l => l.TechnicianId!.Value)
            .Select(g => new TechnicianRoute(DispatchPlanner.Id(g.Key), [.. g.OrderBy(l => l.Sequence).Select(l => DispatchPlanner.Id(l.WorkOrderId))]))
            .ToList();
        var unassigned = proposal.Lines.Where(l => l.TechnicianId is null).Select(l => new UnassignedJob(DispatchPlanner.Id(l.WorkOrderId), l.Reason!.Value)).ToList();
        return (problem, new DispatchPlan(routes, unassigned));
    }

    private static JsonElement Line(JsonElement proposal, int workOrderId) =>
        proposal.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("workOrderId").GetInt32() == workOrderId);

    private static int? TechnicianOf(JsonElement line) =>
        line.GetProperty("technicianId").ValueKind == JsonValueKind.Null ? null : line.GetProperty("technicianId").GetInt32();

    [Theory, BothDatabases]
    public async Task SCH4_the_optimizer_plans_the_demo_day_feasibly_keeps_locks_and_prefers_the_customers_own_technician(Db db)
    {
        var (app, jobs) = await StartAsync(db);
        await using var _ = app;
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        var tech03 = await app.StaffIdAsync("tech03");
        var tech04 = await app.StaffIdAsync("tech04");
        var tech05 = await app.StaffIdAsync("tech05");

        // A lock: C0009's measurement (own technician tech05) goes to tech01 and stays there.
        var moved = await Json(await manager.PostAsJsonAsync("/api/dispatch/move", new { workOrderId = jobs["C0009"], technicianId = tech01, force = true }));
        Assert.True(moved.GetProperty("saved").GetBoolean());
        await Json(await manager.PostAsJsonAsync("/api/dispatch/lock", new { workOrderId = jobs["C0009"], locked = true }), HttpStatusCode.NoContent);

        var proposal = await OptimizeAsync(manager);
        var (problem, plan) = await AsPlanAsync(app, proposal.GetProperty("id").GetInt32());
        Assert.Equal(DemoDispatch.Jobs.Length, problem.Jobs.Count);
        var check = PlanChecker.Check(problem, plan);
        Assert.True(check.Feasible, string.Join("; ", check.Violations.Select(v => $"{v.Kind} {v.TechnicianId} {v.JobId}: {v.Detail}")));

        // The lock is kept.
        Assert.Equal(tech01, TechnicianOf(Line(proposal, jobs["C0009"])));
        // WO-4: where the customer's own technician can go, they go (each lives in the customer's city).
        Assert.Equal(tech01, TechnicianOf(Line(proposal, jobs["C0001"])));
        Assert.Equal(tech04, TechnicianOf(Line(proposal, jobs["C0007"])));
        Assert.Equal(tech03, TechnicianOf(Line(proposal, jobs["C0005"])));
        Assert.True(Line(proposal, jobs["C0001"]).GetProperty("ownTechnician").GetBoolean());
        // Nobody lives in Xiamen but tech01 and tech05: the Xiamen job of Fuzhou's tech03 goes to one of them.
        Assert.Contains(TechnicianOf(Line(proposal, jobs["C0025"])), new int?[] { tech01, tech05 });

        // Every job is placed but the evening one, which is explained.
        var evening = Line(proposal, jobs["C0021"]);
        Assert.Null(TechnicianOf(evening));
        Assert.Equal(nameof(UnassignedReason.NoHoursLeft), evening.GetProperty("reason").GetString());
        Assert.Contains("下班", evening.GetProperty("reasonText").GetString());
        Assert.Single(proposal.GetProperty("lines").EnumerateArray(), l => TechnicianOf(l) is null);

        // Nothing changed on the jobs until it is accepted.
        Assert.Null(await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == jobs["C0001"]).Select(w => w.TechnicianId).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task SCH4_a_job_nobody_working_can_do_is_explained(Db db)
    {
        var (app, jobs) = await StartAsync(db);
        await using var _ = app;
        var manager = await app.LogInAsync("fj.manager");
        // C0027 also needs the train air-conditioning unit looked at: only tech04 has that skill, and tech04 is on leave.
        await app.DbAsync(async d =>
        {
            var order = await d.WorkOrders.Include(w => w.Items).SingleAsync(w => w.Id == jobs["C0027"]);
            order.AddItem(await d.Products.Where(p => p.Code == "KLD-35").Select(p => p.Id).SingleAsync(), null, 1);
            var tech04 = await d.Users.Where(u => u.UserName == "tech04").Select(u => u.StaffId).SingleAsync();
            var manager = await d.Users.Where(u => u.UserName == "fj.manager").Select(u => u.StaffId).SingleAsync();
            d.TimeOff.Add(new TimeOff(tech04, TimeOffKind.Leave, _day, _day, "事假", manager, DateTimeOffset.UtcNow));
            await d.SaveChangesAsync();
        });
        var proposal = await OptimizeAsync(manager);
        var line = Line(proposal, jobs["C0027"]);
        Assert.Null(TechnicianOf(line));
        Assert.Equal(nameof(UnassignedReason.NoCompatibleTechnician), line.GetProperty("reason").GetString());
        Assert.Contains("技能", line.GetProperty("reasonText").GetString());
        var (problem, plan) = await AsPlanAsync(app, proposal.GetProperty("id").GetInt32());
        Assert.True(PlanChecker.Check(problem, plan).Feasible);
        // tech04 is not on the optimizer's list that day; the board says why.
        var board = await Json(await manager.GetAsync($"/api/dispatch/board?region=FJ&day={Day}"));
        var tech04Row = board.GetProperty("technicians").EnumerateArray().Single(t => t.GetProperty("staffNumber").GetString() == "S016");
        Assert.Equal("请假", tech04Row.GetProperty("away").GetString());
    }

    [Theory, BothDatabases]
    public async Task SCH4_check_move_names_every_conflict_before_anything_is_saved(Db db)
    {
        var (app, jobs) = await StartAsync(db);
        await using var _ = app;
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        var tech04 = await app.StaffIdAsync("tech04");
        var tech05 = await app.StaffIdAsync("tech05");
        var tech06 = await app.StaffIdAsync("tech06");
        await app.DbAsync(async d =>
        {
            // A major repair needs grade 3; tech01 is grade 2. tech02 takes the day off.
            var repair = await d.WorkOrders.SingleAsync(w => w.Id == jobs["C0011"]);
            repair.OverrideRepairClass(RepairClass.Major, "两台设备同时故障");
            var tech02 = await d.Users.Where(u => u.UserName == "tech02").Select(u => u.StaffId).SingleAsync();
            d.TimeOff.Add(new TimeOff(tech02, TimeOffKind.DayOff, _day, _day, "调休", tech02, DateTimeOffset.UtcNow));
            await d.SaveChangesAsync();
        });
        var tech02Id = await app.StaffIdAsync("tech02");

        async Task<List<string>> Kinds(int job, int technician, int? position = null)
        {
            var result = await Json(await manager.PostAsJsonAsync("/api/dispatch/check-move", new { workOrderId = job, technicianId = technician, position }));
            return [.. result.GetProperty("conflicts").EnumerateArray().Select(c => c.GetProperty("kind").GetString()!)];
        }

        // Skills: tech04 does equipment, not bathrooms; and C0001's own technician is tech01.
        var skill = await Kinds(jobs["C0001"], tech04);
        Assert.Contains("Skill", skill);
        Assert.Contains("NotOwnTechnician", skill);
        Assert.Contains("SkillLevel", await Kinds(jobs["C0011"], tech01));
        Assert.Contains("NotWorking", await Kinds(jobs["C0001"], tech02Id));
        // Fuzhou at 09:00–11:00 for a technician who leaves Xiamen at 08:30: the window is missed.
        Assert.Contains("Window", await Kinds(jobs["C0005"], tech01));
        // The evening job fits its window but not the working day.
        Assert.Contains("Hours", await Kinds(jobs["C0021"], tech05));
        Assert.Contains("OtherRegion", await Kinds(jobs["C0001"], tech06));
        // Own technician, right skill, in town, in time: no conflict.
        Assert.Empty(await Kinds(jobs["C0001"], tech01));

        // A move with conflicts is not saved unless forced; the lock then guards the job.
        var refused = await Json(await manager.PostAsJsonAsync("/api/dispatch/move", new { workOrderId = jobs["C0005"], technicianId = tech01 }));
        Assert.False(refused.GetProperty("saved").GetBoolean());
        Assert.Null(await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == jobs["C0005"]).Select(w => w.TechnicianId).SingleAsync()));
        await Json(await manager.PostAsJsonAsync("/api/dispatch/move", new { workOrderId = jobs["C0001"], technicianId = tech01 }));
        await Json(await manager.PostAsJsonAsync("/api/dispatch/lock", new { workOrderId = jobs["C0001"], locked = true }), HttpStatusCode.NoContent);
        Assert.Contains("Locked", await Kinds(jobs["C0001"], tech05));
        // Forced: the job changes hands through WO-4's request, approved by the dispatcher, and is planned.
        var forced = await Json(await manager.PostAsJsonAsync("/api/dispatch/move", new { workOrderId = jobs["C0001"], technicianId = tech05, force = true }));
        Assert.True(forced.GetProperty("saved").GetBoolean());
        var after = await app.DbAsync(d => d.WorkOrders.Include(w => w.ChangeRequests).SingleAsync(w => w.Id == jobs["C0001"]));
        Assert.Equal(tech05, after.TechnicianId);
        Assert.Equal(1, after.PlannedSequence);
        Assert.Equal(ChangeRequestState.Approved, Assert.Single(after.ChangeRequests).State);
    }

    [Theory, BothDatabases]
    public async Task SCH4_accepting_part_of_a_plan_assigns_only_the_ticked_jobs_and_the_phone_shows_the_order(Db db)
    {
        var (app, jobs) = await StartAsync(db);
        await using var _ = app;
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        var proposal = await OptimizeAsync(manager);
        var lines = proposal.GetProperty("lines").EnumerateArray().Where(l => TechnicianOf(l) == tech01).ToList();
        Assert.True(lines.Count >= 2, "tech01 gets at least two jobs in Xiamen");
        var ticked = lines.Take(2).ToList();
        var result = await Json(await manager.PostAsJsonAsync("/api/dispatch/accept", new
        {
            proposalId = proposal.GetProperty("id").GetInt32(), lineIds = ticked.Select(l => l.GetProperty("id").GetInt32()).ToArray(),
        }));
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        var tickedJobs = ticked.Select(l => l.GetProperty("workOrderId").GetInt32()).ToList();
        var assigned = await app.DbAsync(d => d.WorkOrders.Where(w => jobs.Values.Contains(w.Id) && w.TechnicianId != null)
            .Select(w => new { w.Id, w.TechnicianId, w.PlannedSequence, w.PlannedStart }).ToListAsync());
        Assert.Equal(tickedJobs.Order(), assigned.Select(a => a.Id).Order());
        Assert.All(assigned, a => Assert.Equal(tech01, a.TechnicianId));
        Assert.Equal([1, 2], assigned.OrderBy(a => a.PlannedStart).Select(a => a.PlannedSequence!.Value));

        // The board: tech01's row has the two jobs, the rest wait in the unplanned column.
        var board = await Json(await manager.GetAsync($"/api/dispatch/board?region=FJ&day={Day}"));
        var row = board.GetProperty("technicians").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == tech01);
        Assert.Equal(2, row.GetProperty("stops").GetArrayLength());
        Assert.Equal(DemoDispatch.Jobs.Length - 2, board.GetProperty("unplanned").GetArrayLength());

        // Moving the second job first: the phone shows the new order with the planned start.
        var second = assigned.OrderBy(a => a.PlannedStart).Last().Id;
        await Json(await manager.PostAsJsonAsync("/api/dispatch/move", new { workOrderId = second, technicianId = tech01, position = 1, force = true }));
        var phone = await app.LogInAsync("tech01");
        var page = await phone.GetStringAsync($"/Visits?date={Day}");
        var firstAt = page.IndexOf($"WO{second:000000}", StringComparison.Ordinal);
        var otherAt = page.IndexOf($"WO{assigned.Single(a => a.Id != second).Id:000000}", StringComparison.Ordinal);
        Assert.True(firstAt > 0 && otherAt > firstAt, "the moved job comes first on tech01's phone");
        Assert.Contains("计划", page);
    }

    [Theory, BothDatabases]
    public async Task SEC2_a_dispatcher_works_only_on_their_own_region(Db db)
    {
        var (app, jobs) = await StartAsync(db);
        await using var _ = app;
        var gd = await app.LogInAsync("gd.manager");
        Assert.Equal(HttpStatusCode.NotFound, (await gd.GetAsync($"/api/dispatch/board?region=FJ&day={Day}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gd.PostAsJsonAsync("/api/dispatch/optimize", new { region = "FJ", day = Day })).StatusCode);
        var gdTech = await app.StaffIdAsync("tech06");
        Assert.Equal(HttpStatusCode.NotFound,
            (await gd.PostAsJsonAsync("/api/dispatch/move", new { workOrderId = jobs["C0001"], technicianId = gdTech, force = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gd.PostAsJsonAsync("/api/dispatch/lock", new { workOrderId = jobs["C0001"], locked = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gd.GetAsync($"/api/dispatch/board?day={Day}")).StatusCode);
        // Technicians and the store do not dispatch.
        var tech = await app.LogInAsync("tech01");
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.GetAsync($"/api/dispatch/board?region=FJ&day={Day}")).StatusCode);
        var store = await app.LogInAsync("fj.store");
        Assert.Equal(HttpStatusCode.Forbidden, (await store.PostAsJsonAsync("/api/dispatch/optimize", new { region = "FJ", day = Day })).StatusCode);
        // The deputy and head office may.
        var deputy = await app.LogInAsync("fj.deputy");
        Assert.Equal(HttpStatusCode.OK, (await deputy.GetAsync($"/api/dispatch/board?region=FJ&day={Day}")).StatusCode);
        // A day left out, or a mistyped year, is the caller's error, named on its field (found by the authorization matrix as a 500).
        var noDay = await deputy.PostAsJsonAsync("/api/dispatch/optimize", new { region = "FJ" });
        Assert.Equal(HttpStatusCode.BadRequest, noDay.StatusCode);
        Assert.Contains("\"day\"", await noDay.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var farDay = await deputy.PostAsJsonAsync("/api/dispatch/optimize", new { region = "FJ", day = "0001-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, farDay.StatusCode);
        Assert.Contains("调度日期须在今天前后一年之内", await farDay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await deputy.GetAsync("/api/dispatch/board?region=FJ&day=2099-01-01")).StatusCode);
        Assert.Null(await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == jobs["C0001"]).Select(w => w.TechnicianId).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task SCH4_the_overnight_run_proposes_the_next_day_once_however_many_instances_run_it(Db db)
    {
        var (app, jobs) = await StartAsync(db, hour: 21);
        await using var _ = app;
        async Task<int> Round()
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OvernightDispatch>().RunAsync();
        }
        // Two instances at once, then a later round: one proposal per region and day.
        var made = await Task.WhenAll(Round(), Round());
        Assert.Equal(0, await Round());
        var proposals = await app.DbAsync(d => d.DispatchProposals.AsNoTracking().Where(p => p.Day == _day).ToListAsync());
        Assert.Equal(2, made.Sum());
        Assert.Equal(2, proposals.Count);
        Assert.All(proposals, p => Assert.Equal(_day, p.OvernightDay));
        Assert.Equal(2, proposals.Select(p => p.RegionId).Distinct().Count());
        // Not accepted: the jobs still have no technician.
        Assert.Null(await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == jobs["C0001"]).Select(w => w.TechnicianId).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task SCH4_the_overnight_run_waits_for_its_hour(Db db)
    {
        var (app, _) = await StartAsync(db, hour: 10);
        await using var __ = app;
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<OvernightDispatch>().RunAsync());
        Assert.Equal(0, await app.DbAsync(d => d.DispatchProposals.CountAsync()));
    }
}
