using AfterSales.Data;
using AfterSales.Domain.Inventory;
using AfterSales.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Stock;

/// <summary>The demo company's stock: a warehouse per region, every technician's own stock, a few tools, parts and accessories, some issued.</summary>
public sealed class DemoStock(AppDbContext db, Infrastructure.LocalTime local)
{
    private static readonly (string Code, string Name, StockItemKind Kind, string Unit, decimal Price, int PerWarehouse)[] Items =
    [
        ("T-DRILL", "电锤", StockItemKind.Tool, "台", 680m, 4),
        ("T-TORQUE", "扭力扳手", StockItemKind.Tool, "把", 260m, 6),
        ("T-LEVEL", "激光水平仪", StockItemKind.Tool, "台", 450m, 3),
        ("T-PRESS", "打压测试泵", StockItemKind.Tool, "台", 380m, 3),
        ("P-VALVE", "角阀", StockItemKind.Part, "个", 45m, 40),
        ("P-CART", "龙头阀芯", StockItemKind.Part, "个", 85m, 30),
        ("P-FLUSH", "冲水阀组件", StockItemKind.Part, "套", 160m, 20),
        ("P-HOSE", "高压油管", StockItemKind.Part, "根", 220m, 12),
        ("A-HOSE", "不锈钢编织软管", StockItemKind.Accessory, "根", 25m, 200),
        ("A-TAPE", "生料带", StockItemKind.Accessory, "卷", 3m, 500),
        ("A-SEAL", "防霉密封胶", StockItemKind.Accessory, "支", 28m, 150),
        ("A-BOLT", "膨胀螺栓", StockItemKind.Accessory, "个", 2m, 800),
    ];

    public async Task SeedAsync(IReadOnlyDictionary<string, Staff> staff, CancellationToken ct = default)
    {
        if (await db.StockItems.AnyAsync(ct)) return;
        var items = Items.Select(i => new StockItem(i.Code, i.Name, i.Kind, i.Unit, i.Price)).ToList();
        db.StockItems.AddRange(items);
        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
        var warehouses = regions.ToDictionary(r => r.Id, r => StockLocation.Warehouse(r.Name + "仓库", r.Id));
        db.StockLocations.AddRange(warehouses.Values);
        var technicians = staff.Values.Where(s => s.Role == StaffRole.Technician && s.RegionId is not null).OrderBy(s => s.Id).ToList();
        var own = technicians.ToDictionary(t => t.Id, t => StockLocation.OfTechnician(StockText.Company("TechnicianStockName", t.Name), t.Id, t.RegionId!.Value));
        db.StockLocations.AddRange(own.Values);
        await db.SaveChangesAsync(ct);

        var now = local.Now;
        var store = staff.Values.First(s => s.Role == StaffRole.Store);
        var movements = new List<StockMovement>();
        foreach (var warehouse in warehouses.Values)
            foreach (var (item, i) in items.Select((item, i) => (item, i)))
                movements.Add(StockMovement.Create(MovementType.Receive, item.Id, null, warehouse, Items[i].PerWarehouse, now.AddDays(-10), store.Id,
                    StockText.Company("DemoReceived")));
        foreach (var (technician, n) in technicians.Select((t, n) => (t, n)))
        {
            var warehouse = warehouses[technician.RegionId!.Value];
            var bag = own[technician.Id];
            void Issue(string code, int quantity, int daysAgo) =>
                movements.Add(StockMovement.Create(MovementType.Issue, items.Single(i => i.Code == code).Id, warehouse, bag, quantity, now.AddDays(-daysAgo), store.Id));
            Issue(n % 2 == 0 ? "T-DRILL" : "T-TORQUE", 1, 9);
            if (n % 3 == 0) Issue("T-LEVEL", 1, 8);
            Issue("P-VALVE", 2, 7);
            Issue("P-CART", 2, 7);
            Issue("A-HOSE", 6, 6);
            Issue("A-TAPE", 10, 6);
            Issue("A-SEAL", 2, 6);
            Issue("A-BOLT", 20, 6);
        }
        db.StockMovements.AddRange(movements);
        await db.SaveChangesAsync(ct);
    }
}
