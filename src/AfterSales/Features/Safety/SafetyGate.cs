using AfterSales.Data;
using AfterSales.Domain.Safety;
using AfterSales.Domain.WorkOrders;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Safety;

/// <summary>
/// The safety rules the job's own verbs must pass (SAF-1, SAF-2), asked by the visit service so that the phone page and
/// the API refuse alike: check-in at a base needs a valid agreement (and opens the permit when the job needs one), the
/// job's work waits for the permit's work start, and the technician leaves the base only with the power restored. A
/// permit is one visit's: after one finished (a job left unfinished), the next check-in opens a new one.
/// </summary>
public sealed class SafetyGate(AppDbContext db, LocalTime local)
{
    public async Task BeforeCheckInAsync(WorkOrder order)
    {
        var isBase = await db.Sites.Where(s => s.Id == order.SiteId).Select(s => s.IsMaintenanceBase).SingleAsync();
        if (!isBase) return;
        var terms = await db.SafetyAgreements.Where(a => a.SiteId == order.SiteId).Select(a => new { a.SignedOn, a.ValidUntil }).ToListAsync();
        NoCheckInAtBaseWithoutValidAgreement.Check(isBase, terms.Select(t => (t.SignedOn, t.ValidUntil)), local.Today);
        if (await db.Permits.AnyAsync(p => p.WorkOrderId == order.Id && p.FinishedAt == null)) return;
        var template = await TemplateForAsync(order.Id);
        if (template is not null) db.Permits.Add(new PermitToWork(order.Id, order.SiteId, order.RegionId, template, local.Now.ToUniversalTime()));
    }

    /// <summary>The job's measurements, tests and completion wait for the permit's work start (SAF-2).</summary>
    public async Task RequireWorkStartedAsync(WorkOrder order) => WorkCannotStartBeforeIsolation.CheckStarted(await VisitPermitAsync(order));

    public async Task BeforeCheckOutAsync(WorkOrder order) => NoCheckOutWithPermitOpen.Check(await VisitPermitAsync(order));

    public async Task BeforeLeavingUnfinishedAsync(WorkOrder order) => NoCheckOutWithPermitOpen.CheckLeavingUnfinished(await VisitPermitAsync(order));

    /// <summary>
    /// The permit of the visit under way: the job's latest, unless it was finished before this visit set out — an
    /// earlier visit's, interrupted and restored (when the template has gone since, this visit has none).
    /// </summary>
    private async Task<PermitToWork?> VisitPermitAsync(WorkOrder order)
    {
        var permit = await PermitAsync(order.Id);
        return permit?.FinishedAt < order.CurrentVisit?.DepartedAt ? null : permit;
    }

    /// <summary>The job's permit of this visit, or of the last visit that had one.</summary>
    public Task<PermitToWork?> PermitAsync(int workOrderId) =>
        db.Permits.Include(p => p.Steps).Where(p => p.WorkOrderId == workOrderId).OrderByDescending(p => p.Id).FirstOrDefaultAsync();

    /// <summary>
    /// The permit template the job falls under: at a maintenance base, the first active template naming the kind of a
    /// product or an installed unit of the job (e.g. 列车空调).
    /// </summary>
    public async Task<PermitTemplate?> TemplateForAsync(int workOrderId)
    {
        var siteIsBase = await db.WorkOrders.Where(w => w.Id == workOrderId)
            .Select(w => db.Sites.Where(s => s.Id == w.SiteId).Select(s => s.IsMaintenanceBase).First()).SingleAsync();
        if (!siteIsBase) return null;
        var kinds = await db.WorkOrderItems.Where(i => i.WorkOrderId == workOrderId)
            .Select(i => new
            {
                Product = db.Products.Where(p => p.Id == i.ProductId).Select(p => p.EquipmentKind).FirstOrDefault(),
                Equipment = db.Equipment.Where(e => e.Id == i.EquipmentId).Select(e => e.Kind).FirstOrDefault(),
            }).ToListAsync();
        var names = kinds.SelectMany(k => new[] { k.Product, k.Equipment }).ToList();
        var templates = await db.PermitTemplates.Include(t => t.Steps).Where(t => t.IsActive).OrderBy(t => t.Id).ToListAsync();
        return templates.FirstOrDefault(t => t.AppliesTo(names));
    }
}
