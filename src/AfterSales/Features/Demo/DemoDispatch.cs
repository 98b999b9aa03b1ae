using AfterSales.Data;
using AfterSales.Domain.WorkOrders;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Demo;

/// <summary>
/// The next working day's work in region FJ for the dispatch board (SCH-4): a dozen jobs in Xiamen, Zhangzhou, Quanzhou and Fuzhou
/// with agreed windows and no technician yet, one of them in the evening when nobody works (the optimizer explains it).
/// The technicians live in those cities (see <see cref="DemoCompany"/>), so the plan has real travel in it.
/// </summary>
public sealed class DemoDispatch(AppDbContext db, WorkOrderPolicy policy, LocalTime local)
{
    /// <summary>(customer, kind, which installed item — 0 the bathroom product, 1 the equipment —, window from, window to, description).</summary>
    public static readonly (string Customer, WorkOrderKind Kind, int Item, int From, int To, string Description)[] Jobs =
    [
        ("C0001", WorkOrderKind.Maintenance, 0, 9 * 60, 11 * 60, "智能马桶年度保养"),
        ("C0009", WorkOrderKind.Measurement, 0, 9 * 60, 10 * 60, "卫生间测量，准备更换浴室柜"),
        ("C0017", WorkOrderKind.Maintenance, 0, 13 * 60, 15 * 60, "淋浴房密封条检查"),
        ("C0025", WorkOrderKind.Repair, 0, 10 * 60, 12 * 60, "浴室柜门铰链松动"),
        ("C0033", WorkOrderKind.Guidance, 0, 14 * 60, 16 * 60, "指导水电师傅预留花洒进水口"),
        ("C0011", WorkOrderKind.Repair, 0, 10 * 60, 12 * 60, "恒温花洒出水忽冷忽热"),
        ("C0019", WorkOrderKind.Maintenance, 0, 14 * 60, 16 * 60, "智能马桶滤网清洗"),
        ("C0027", WorkOrderKind.Measurement, 0, 9 * 60, 11 * 60, "新房卫生间测量"),
        ("C0007", WorkOrderKind.Maintenance, 1, 9 * 60, 11 * 60, "卷压设备季度保养"),
        ("C0015", WorkOrderKind.Repair, 1, 13 * 60, 15 * 60, "垂直设备运行异响"),
        ("C0023", WorkOrderKind.Maintenance, 1, 15 * 60, 17 * 60, "卷压设备液压系统检查"),
        ("C0005", WorkOrderKind.Maintenance, 0, 9 * 60, 11 * 60, "智能马桶年度保养"),
        ("C0013", WorkOrderKind.Guidance, 0, 14 * 60, 16 * 60, "指导瓦工预留浴室柜位置"),
        // After work: the customer is home only in the evening — no technician's day reaches it.
        ("C0021", WorkOrderKind.Measurement, 0, 19 * 60, 20 * 60 + 30, "业主只能晚上在家，测量卫生间"),
    ];

    /// <summary>The next working day: tomorrow, or Monday when tomorrow is a Sunday (the company's rest day).</summary>
    public static DateOnly NextWorkingDay(DateOnly today) =>
        today.AddDays(1).DayOfWeek == DayOfWeek.Sunday ? today.AddDays(2) : today.AddDays(1);

    /// <summary>Adds the jobs for <paramref name="day"/> (the next working day by default); returns their ids.</summary>
    public async Task<List<int>> SeedAsync(DateOnly? day = null, CancellationToken ct = default)
    {
        var on = day ?? NextWorkingDay(local.Today);
        var store = await db.Users.AsNoTracking().Where(u => u.UserName == "fj.store").Select(u => u.StaffId).SingleAsync(ct);
        var now = local.Now.ToUniversalTime();
        var ids = new List<int>();
        foreach (var job in Jobs)
        {
            var customer = await db.Customers.AsNoTracking().Include(c => c.Sites).SingleAsync(c => c.Code == job.Customer, ct);
            var site = customer.Sites.OrderBy(s => s.Id).First();
            var order = new WorkOrder(job.Kind, customer.Id, site.Id, customer.RegionId, job.Description, now.AddDays(-2), store, policy);
            var equipment = await db.Equipment.AsNoTracking().Where(e => e.SiteId == site.Id).OrderBy(e => e.Id).Skip(job.Item).FirstAsync(ct);
            order.AddItem(equipment.ProductId, equipment.Id, 1);
            var start = local.Instant(on, TimeOnly.MinValue).AddMinutes(job.From);
            var end = local.Instant(on, TimeOnly.MinValue).AddMinutes(job.To);
            order.RecordContact(now.AddDays(-1), store, ContactOutcome.Reached, null, start, end, RequiredPresence.Owner, "业主确认时间");
            db.WorkOrders.Add(order);
            await db.SaveChangesAsync(ct);
            ids.Add(order.Id);
        }
        return ids;
    }
}
