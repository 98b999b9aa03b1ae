using AfterSales.Domain.Attendance;
using AfterSales.Data;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.WorkOrders;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Demo;

/// <summary>
/// A day of work in the demo company, so that a newcomer who starts the app finds something to do: tech01 has an
/// installation to go to now, two finished jobs waiting for their service records, and a new job whose first call is
/// overdue; a colleague has a job tomorrow and the other region a new one; last month has a few incidents waiting for
/// its close, one of them appealed. Made with the domain's own verbs, at
/// times relative to now. Only for <c>serve</c> and <c>seed-demo</c>: tests start from the company without it.
/// </summary>
public sealed class DemoActivity(AppDbContext db, WorkOrderPolicy policy, LocalTime local)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.WorkOrders.AnyAsync(ct)) return;
        var staff = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.StaffId, ct);
        var now = local.Now.ToUniversalTime();
        var today = local.Today;
        DateTimeOffset At(DateOnly day, int hour) => local.Instant(day, new TimeOnly(hour, 0));

        // tech01, next: an installation agreed for the coming working hours (soon, or tomorrow morning when the day is
        // over), confirmed the day before, goods checked — ready to leave.
        var hour = local.Now.Hour;
        var next = hour is >= 8 and < 17 ? now.AddMinutes(30) : At(hour >= 17 ? today.AddDays(1) : today, 9);
        var ready = await JobAsync("C0001", WorkOrderKind.Installation, "安装智能马桶一台，卫生间已贴砖", now.AddDays(-2), staff["fj.store"]);
        Arrange(ready, staff["tech01"], now.AddDays(-2).AddHours(1), next, next.AddHours(2));
        ready.ConfirmDayBefore(now.AddDays(-1), "业主");
        Tick(ready, ChecklistPhase.PreDeparture, now.AddHours(-1), staff["tech01"]);
        await db.SaveChangesAsync(ct);

        // tech01, done: a repair yesterday and a maintenance this morning (yesterday afternoon before noon); their service records are still to be filled in and signed.
        var repaired = await JobAsync("C0011", WorkOrderKind.Repair, "智能马桶冲水无力，需检修", now.AddDays(-3), staff["fj.store"]);
        await DoneAsync(repaired, staff["tech01"], At(today.AddDays(-1), 9), ct);
        var maintained = await JobAsync("C0021", WorkOrderKind.Maintenance, "年度保养：清洗喷嘴、检查密封", now.AddDays(-5), staff["fj.store"]);
        await DoneAsync(maintained, staff["tech01"], hour >= 12 ? At(today, 8) : At(today.AddDays(-1), 14), ct);

        // tech01, new: arrived three hours ago and nobody has called yet (WO-2: two hours).
        await JobAsync("C0031", WorkOrderKind.Measurement, "新房卫生间测量，准备安装淋浴房", now.AddHours(-3), staff["fj.store"]);

        // tech01, also: a train air-conditioning repair at the Fuzhou maintenance base, under a permit to work (SAF-1, SAF-2).
        await new Safety.DemoSafety(db, local).SeedJobAsync(staff["fj.store"], staff["tech01"], policy, ct);

        // tech02, tomorrow; and a new job in the other region.
        var tomorrow = await JobAsync("C0003", WorkOrderKind.Guidance, "指导水电师傅预埋管线", now.AddDays(-1), staff["fj.store"]);
        Arrange(tomorrow, staff["tech02"], now.AddDays(-1).AddHours(1), At(today.AddDays(1), 9), At(today.AddDays(1), 11));
        await JobAsync("C0002", WorkOrderKind.Repair, "淋浴房门滑轮异响", now.AddHours(-1), staff["gd.store"]);
        await db.SaveChangesAsync(ct);

        // SCH-4: the next working day's jobs of region FJ, agreed with the customers and waiting for the dispatcher.
        await new DemoDispatch(db, policy, local).SeedAsync(null, ct);

        // Today's positions from tech01's phone (ATT-1): every quarter of an hour since eight, on the way from this
        // morning's maintenance to the next installation, so the day board's map shows where they are.
        if (hour >= 8) await TrackAsync(staff["tech01"], maintained, ready, At(today, 8), now, ct);

        // Last month's assessment, still open for its close: a late daily report, a complaint (appealed), a waived
        // location anomaly, and a part not shipped back (ASM-1, ASM-6, ASM-10, ASM-11, ASM-13).
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var regions = await db.Staff.AsNoTracking().Where(s => s.RegionId != null).ToDictionaryAsync(s => s.Id, s => (s.RegionId!.Value, s.ManagerId), ct);
        Incident Raise(string person, string kind, int day, int hour, string description, string by, decimal? amount = null, string? waiver = null)
        {
            var (region, manager) = regions[staff[person]];
            var incident = new Incident(new IncidentDraft
            {
                PersonId = staff[person], RegionId = region, ManagerId = manager, Kind = kind, At = At(lastMonth.AddDays(day - 1), hour),
                Description = description, Amount = amount, Waived = waiver is not null, WaiverReason = waiver,
            }, staff[by], At(lastMonth.AddDays(day), 9));
            db.Incidents.Add(incident);
            return incident;
        }
        Raise("tech01", "daily_report_late", 6, 18, "18:25 才发日报短信", "fj.manager");
        var complaint = Raise("tech02", "complaint_attitude", 12, 10, "客户来电投诉安装时态度生硬", "fj.manager");
        Raise("tech03", "gps_anomaly", 15, 14, "定位显示不在预约地址", "supervision", waiver: "事先向督导部报备：山区信号差");
        Raise("tech06", "part_not_returned", 20, 16, "更换的滑轮组件未寄回", "gd.manager", amount: 85);
        await db.SaveChangesAsync(ct);
        complaint.Appeal(staff["tech02"], "当天按约定时间到达，客户投诉的是送货司机", At(lastMonth.AddDays(13), 9));
        await db.SaveChangesAsync(ct);
    }

    private async Task<WorkOrder> JobAsync(string customerNumber, WorkOrderKind kind, string description, DateTimeOffset receivedAt, int storeId)
    {
        var customer = await db.Customers.Include(c => c.Sites).SingleAsync(c => c.Code == customerNumber);
        var site = customer.Sites.OrderBy(s => s.Id).First();
        var order = new WorkOrder(kind, customer.Id, site.Id, customer.RegionId, description, receivedAt, storeId, policy);
        order.AssignTechnician(customer.TechnicianId!.Value);
        var equipment = await db.Equipment.Where(e => e.SiteId == site.Id).OrderBy(e => e.Id).FirstAsync();
        if (kind == WorkOrderKind.Installation) order.AddItem(equipment.ProductId, null, 1);
        else order.AddItem(equipment.ProductId, equipment.Id, 1);
        db.WorkOrders.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    private async Task TrackAsync(int technicianId, WorkOrder from, WorkOrder to, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var a = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == from.SiteId, ct);
        var b = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == to.SiteId, ct);
        var steps = (int)((end - start).TotalMinutes / 15);
        for (var k = 0; k <= steps; k++)
        {
            var share = steps == 0 ? 1 : (double)k / steps;
            var where = new GeoPosition((double)a.Latitude!.Value + share * (double)(b.Latitude!.Value - a.Latitude.Value),
                (double)a.Longitude!.Value + share * (double)(b.Longitude!.Value - a.Longitude.Value), 20);
            var at = start.AddMinutes(15 * k);
            db.Positions.Add(new Position(technicianId, at, where, at));
        }
        await db.SaveChangesAsync(ct);
    }

    private static void Arrange(WorkOrder order, int technicianId, DateTimeOffset calledAt, DateTimeOffset start, DateTimeOffset end) =>
        order.RecordContact(calledAt, technicianId, ContactOutcome.Reached, "水电已完成，瓷砖已贴", start, end, RequiredPresence.Owner, "业主在家");

    private static void Tick(WorkOrder order, ChecklistPhase phase, DateTimeOffset at, int staffId)
    {
        foreach (var item in order.Checklist.Where(i => i.Phase == phase)) order.SetChecklistItem(item.Id, true, at, staffId);
    }

    /// <summary>The whole visit, as the phone would record it: call, leave, arrive at the site, measure, test, tidy, finish.</summary>
    private async Task DoneAsync(WorkOrder order, int technicianId, DateTimeOffset start, CancellationToken ct)
    {
        var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == order.SiteId, ct);
        Arrange(order, technicianId, start.AddDays(-1), start.AddMinutes(40), start.AddHours(3));
        Tick(order, ChecklistPhase.PreDeparture, start.AddMinutes(-10), technicianId);
        order.CallAhead(start.AddMinutes(-5), technicianId, ContactOutcome.Reached, "客户在家");
        order.Depart(start, policy);
        var there = new GeoPosition((double)site.Latitude!.Value + 0.0004, (double)site.Longitude!.Value, 15);
        order.CheckIn(start.AddMinutes(35), there, ((double)site.Latitude.Value, (double)site.Longitude.Value));
        order.RecordPresent(RequiredPresence.Owner, null);
        var item = order.Items.First();
        order.AddMeasurement("进水压力", 2.5m, MeasurementUnit.Bar, item.Id, null, start.AddMinutes(50), technicianId);
        order.RecordCommissioningTest(item.Id, true, true, "试水正常", start.AddMinutes(80), technicianId);
        Tick(order, ChecklistPhase.Completion, start.AddMinutes(90), technicianId);
        order.Complete(start.AddMinutes(95));
        await db.SaveChangesAsync(ct);
    }
}
