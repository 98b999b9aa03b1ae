using AfterSales.Domain;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Assessment;
using AfterSales.Features.Fees;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Stock;

/// <summary>
/// One job's goods and materials (VIS-1, INV-2, INV-3, FEE-1): the goods check before loading, accessories used, leftovers
/// counted back, replaced parts to ship back, and the billable accessories on a fee receipt. Whoever may read the job
/// sees it; whoever may work on it changes it.
/// </summary>
public sealed class JobStockService(Data.AppDbContext db, StockService stock, GoodsCheckService goods, PartReturnService returns, PolicyBook policies,
    LocalTime local, IAuthorizationService authorization, ReceiptService receipts)
{
    public async Task<JobStockDto> GetAsync(int workOrderId)
    {
        var (order, mayWork) = await stock.JobAsync(workOrderId, authorization);
        var technician = order.TechnicianId is { } t ? await db.Staff.Where(s => s.Id == t).Select(s => s.Name).SingleAsync() : null;
        var location = order.TechnicianId is { } tech ? await db.StockLocations.AsNoTracking().SingleOrDefaultAsync(l => l.TechnicianId == tech) : null;
        var myStock = location is null ? [] : await stock.OnHandAsync(location.Id);
        var movements = await stock.Project(db.StockMovements.AsNoTracking().Where(m => m.WorkOrderId == workOrderId)).ToListAsync();
        var (billed, _) = await receipts.BilledStockAsync(order.Id);
        var materials = (await stock.MaterialsAsync(order.Id)).Select(m => m with { OnReceipts = billed.GetValueOrDefault(m.ItemId) }).ToList();
        return new JobStockDto(order.Id, order.Number, order.Kind.ToString(), order.TechnicianId, technician, location?.Id,
            [.. myStock.Where(s => s.Kind != Domain.Inventory.StockItemKind.Tool)], materials, movements,
            await goods.GetAsync(order.Id), order.Kind == WorkOrderKind.Installation ? await goods.ExpectedAsync(order.Id) : [],
            await returns.ForJobAsync(order.Id), mayWork);
    }

    private async Task<WorkOrder> WorkAsync(int workOrderId)
    {
        var (order, mayWork) = await stock.JobAsync(workOrderId, authorization);
        if (!mayWork) throw new ForbiddenException("WorkOrderReadOnly");
        return order;
    }

    public async Task RecordGoodsCheckAsync(int workOrderId, GoodsCheckInput input) => await goods.RecordAsync(await WorkAsync(workOrderId), input);

    public async Task ResolveGoodsAsync(int workOrderId, GoodsResolveInput input) => await goods.ResolveAsync(await WorkAsync(workOrderId), input);

    public async Task LoadGoodsAsync(int workOrderId) => await goods.LoadAsync(await WorkAsync(workOrderId));

    public async Task ConsumeAsync(int workOrderId, ConsumeInput input)
    {
        var order = await WorkAsync(workOrderId);
        var days = (await policies.InForceAsync()).Document.Inventory.PartReturnDays;
        await stock.ConsumeAsync(order, input, days, local.Today);
    }

    public async Task CountBackAsync(int workOrderId, CountBackInput input) => await stock.CountBackAsync(await WorkAsync(workOrderId), input);

    /// <summary>
    /// FEE-1: the billable accessories used on the job and not yet on one of its receipts, onto its draft fee receipt (a new
    /// one if it has none); the technician adds services and has it signed. Billing again bills only what was used since.
    /// </summary>
    public async Task<(int Id, bool Created)> BillAsync(int workOrderId)
    {
        var order = await WorkAsync(workOrderId);
        var used = (await stock.MaterialsAsync(order.Id)).Where(m => m.Billable > 0).ToList();
        if (used.Count == 0) throw new DomainException("StockNothingBillable");
        var (billed, onReceipts) = await receipts.BilledStockAsync(order.Id);
        var lines = used.Select(m => new StockBillLine(m.ItemId, m.Name, m.Billable - billed.GetValueOrDefault(m.ItemId), m.UnitPrice))
            .Where(l => l.Quantity > 0).ToList();
        if (lines.Count == 0) throw new DomainException("StockAlreadyBilled", string.Join("、", onReceipts));
        return await receipts.BillStockAsync(order.Id, lines);
    }
}
