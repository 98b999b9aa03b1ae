using AfterSales.Data;
using AfterSales.Domain.Catalog;
using AfterSales.Domain.People;
using AfterSales.Domain.Safety;
using AfterSales.Domain.WorkOrders;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Safety;

/// <summary>
/// The demo company's bases (SAF-1, SAF-2): the default permit template for train work, tech01's customer C0021 with a
/// maintenance base in Fuzhou under a valid agreement, the other region's bases marked (the first one's agreement
/// expired); and, for <c>serve</c> only, a train air-conditioning repair at the Fuzhou base for tech01.
/// </summary>
public sealed class DemoSafety(AppDbContext db, LocalTime local)
{
    public const string BaseSiteName = "检修基地";

    /// <summary>The default template for train work (SAF-2), in the order of the base's rules.</summary>
    public static readonly (string Title, PermitPhase Phase)[] TrainSteps =
    [
        ("向车辆公司提出作业申请", PermitPhase.BeforeWork),
        ("降下维修列车受电弓", PermitPhase.BeforeWork),
        ("车辆公司员工办理接触网断电登记", PermitPhase.BeforeWork),
        ("切断接触网电源", PermitPhase.BeforeWork),
        ("验电，确认无电", PermitPhase.BeforeWork),
        ("挂好接地棒", PermitPhase.BeforeWork),
        ("拆除接地棒", PermitPhase.AfterWork),
        ("车辆公司办理送电登记，恢复送电", PermitPhase.AfterWork),
    ];

    public const string TrainTemplateName = "动车/列车作业许可";
    public const string TrainKind = "列车空调";

    /// <summary>A one-page PDF standing in for the scanned agreement.</summary>
    private static byte[] AgreementFile(string title) => System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj " +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%" + title + "\n%%EOF\n");

    public async Task SeedAsync(IReadOnlyDictionary<string, Staff> staff, CancellationToken ct = default)
    {
        if (await db.PermitTemplates.AnyAsync(ct)) return;
        db.PermitTemplates.Add(new PermitTemplate(TrainTemplateName, TrainKind, TrainSteps));
        var today = local.Today;
        var now = local.Now.ToUniversalTime();
        var admin = staff["admin"].Id;

        // tech01's customer C0021 (Fuzhou) has a base of the railway too: the demo's train job goes there.
        var customer = await db.Customers.Include(c => c.Sites).SingleAsync(c => c.Code == "C0021", ct);
        var fuzhou = customer.AddSite(BaseSiteName, "福州", "福州市晋安区动车检修基地3号库", 26.1245m, 119.3365m);
        fuzhou.MarkMaintenanceBase(true);
        await db.SaveChangesAsync(ct);
        var unit = await db.Products.SingleAsync(p => p.EquipmentKind == TrainKind, ct);
        db.Equipment.Add(new InstalledEquipment("SN2025900", unit.Id, fuzhou.Id, TrainKind, unit.Model, new DateOnly(2025, 6, 1), new DateOnly(2027, 6, 1)));
        db.SafetyAgreements.Add(new SafetyAgreement(fuzhou.Id, "福州动车检修基地安全协议.pdf", "application/pdf", AgreementFile("Fuzhou"),
            today.AddDays(-200), today.AddDays(165), "年度安全协议", admin, now));

        // The other region's bases: the first one's agreement ran out ten days ago, the others' are valid.
        var bases = await db.Sites.Where(s => s.Name == BaseSiteName && s.Id != fuzhou.Id).OrderBy(s => s.Id).ToListAsync(ct);
        foreach (var (site, i) in bases.Select((s, i) => (s, i)))
        {
            site.MarkMaintenanceBase(true);
            var until = i == 0 ? today.AddDays(-10) : today.AddDays(100 + 30 * i);
            db.SafetyAgreements.Add(new SafetyAgreement(site.Id, $"{site.City}动车检修基地安全协议.pdf", "application/pdf", AgreementFile(site.City),
                until.AddYears(-1), until, null, admin, now));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>For <c>serve</c>: tech01's train air-conditioning repair at the Fuzhou base, agreed for now, ready to leave.</summary>
    public async Task SeedJobAsync(int storeId, int technicianId, WorkOrderPolicy policy, CancellationToken ct = default)
    {
        var site = await db.Sites.Include(s => s.Customer).Where(s => s.IsMaintenanceBase && s.Customer.Code == "C0021").FirstOrDefaultAsync(ct);
        if (site is null) return;
        var unit = await db.Equipment.Where(e => e.SiteId == site.Id).OrderBy(e => e.Id).FirstAsync(ct);
        var now = local.Now.ToUniversalTime();
        var order = new WorkOrder(WorkOrderKind.Repair, site.CustomerId, site.Id, site.Customer.RegionId, "列车空调机组不制冷，需检修（动车检修基地3号库）",
            now.AddDays(-1), storeId, policy);
        order.AssignTechnician(technicianId);
        order.AddItem(unit.ProductId, unit.Id, 1);
        db.WorkOrders.Add(order);
        await db.SaveChangesAsync(ct);
        var start = now.AddMinutes(20);
        order.RecordContact(now.AddHours(-20), technicianId, ContactOutcome.Reached, null, start, start.AddHours(4), RequiredPresence.None, "基地调度已安排停车位");
        if (order.NeedsDayBeforeConfirmation) order.ConfirmDayBefore(now.AddHours(-12), "基地调度");
        foreach (var item in order.Checklist.Where(i => i.Phase == ChecklistPhase.PreDeparture)) order.SetChecklistItem(item.Id, true, now.AddMinutes(-30), technicianId);
        await db.SaveChangesAsync(ct);
    }
}
