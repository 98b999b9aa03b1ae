using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.Inventory;

namespace AfterSales.Tests.Domain;

/// <summary>The stock rules without a database: which locations a movement names, part returns, the goods check, stocktakes.</summary>
public sealed class StockRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8));

    private static StockLocation Warehouse() => StockLocation.Warehouse("福建仓库", 1);
    private static StockLocation Bag() => StockLocation.OfTechnician("张伟的随身库存", 7, 1);

    [Fact]
    public void A_movement_names_the_locations_its_type_needs()
    {
        Assert.Equal(MovementType.Issue, StockMovement.Create(MovementType.Issue, 1, Warehouse(), Bag(), 2, Now, 1).Type);
        // An issue goes from a warehouse to a technician, never the other way; a receipt has no source.
        Assert.Equal("StockLocationWrongKind", Assert.Throws<DomainException>(() => StockMovement.Create(MovementType.Issue, 1, Bag(), Warehouse(), 1, Now, 1)).Code);
        Assert.Equal("StockLocationNotExpected", Assert.Throws<DomainException>(() => StockMovement.Create(MovementType.Receive, 1, Warehouse(), Warehouse(), 1, Now, 1)).Code);
        Assert.Equal("Required", Assert.Throws<DomainException>(() => StockMovement.Create(MovementType.Consume, 1, null, null, 1, Now, 1)).Code);
        Assert.Equal("StockQuantityInvalid", Assert.Throws<DomainException>(() => StockMovement.Create(MovementType.Receive, 1, null, Warehouse(), 0, Now, 1)).Code);
        Assert.Equal("StockMovementTypeInvalid", Assert.Throws<DomainException>(() => StockMovement.Create(MovementType.CountAdjustment, 1, null, Warehouse(), 1, Now, 1)).Code);
        // Only what is used on a job is billed.
        Assert.False(StockMovement.Create(MovementType.Return, 1, Bag(), Warehouse(), 1, Now, 1).ForJob(5, billable: true).Billable);
        Assert.True(StockMovement.Create(MovementType.Consume, 1, Bag(), null, 1, Now, 1).ForJob(5, billable: true).Billable);
    }

    [Fact]
    public void A_part_return_is_shipped_then_received_and_only_an_overdue_one_is_charged()
    {
        // INV-3.
        var today = new DateOnly(2026, 11, 27);
        var part = new PartReturn(1, 1, 7, 1, 5, today, today.AddDays(7), null);
        Assert.False(part.IsOverdue(today.AddDays(7)));
        Assert.True(part.IsOverdue(today.AddDays(8)));
        Assert.Equal("PartReturnNotOverdue", Assert.Throws<ConflictException>(() => part.Charge(null!, today.AddDays(3))).Code);
        Assert.Equal("Required", Assert.Throws<DomainException>(() => part.Ship("顺丰速运", "", today, today)).Code);
        Assert.Equal("DateInFuture", Assert.Throws<DomainException>(() => part.Ship("顺丰速运", "SF1", today.AddDays(1), today)).Code);
        part.Ship("顺丰速运", "SF1", today, today);
        Assert.False(part.IsOverdue(today.AddDays(30)));
        Assert.Equal("Required", Assert.Throws<DomainException>(() => part.Receive(false, null, 3, Now)).Code);
        part.Receive(true, null, 3, Now);
        Assert.Equal(PartReturnState.Received, part.State);
        Assert.Equal("PartReturnStateWrong", Assert.Throws<ConflictException>(() => part.Ship("顺丰速运", "SF2", today, today)).Code);
    }

    [Fact]
    public void A_theft_needs_the_police_report_the_station_and_the_officer_number()
    {
        // ASM-10.
        var today = new DateOnly(2026, 11, 27);
        var part = new PartReturn(1, 1, 7, 1, 5, today, today.AddDays(7), null);
        var waiver = new Incident(new IncidentDraft { PersonId = 7, RegionId = 1, Kind = "part_not_returned", At = Now, Description = "被盗", Waived = true,
            WaiverReason = "被盗" }, 7, Now);
        Assert.Equal("PoliceReportRequired", Assert.Throws<DomainException>(() => part.ReportStolen("中山派出所", "350203", "a.pdf", "application/pdf", null, waiver)).Code);
        Assert.Equal("Required", Assert.Throws<DomainException>(() => part.ReportStolen("中山派出所", " ", "a.pdf", "application/pdf", [1], waiver)).Code);
        Assert.Equal(PartReturnState.Pending, part.State);
        part.ReportStolen("中山派出所", "350203", "a.pdf", "application/pdf", [1], waiver);
        Assert.Equal(PartReturnState.Stolen, part.State);
    }

    [Fact]
    public void Goods_with_an_open_problem_are_not_loaded()
    {
        // VIS-1.
        var check = new GoodsCheck(5, 7, Now);
        Assert.Equal("GoodsProblemNeedsNote", Assert.Throws<DomainException>(() => check.Record([(1, "智能马桶", 1, 0, 1, null)], 7, Now)).Code);
        Assert.Equal("GoodsCheckCountsInvalid", Assert.Throws<DomainException>(() => check.Record([(1, "智能马桶", 1, 1, 1, "x")], 7, Now)).Code);
        check.Record([(1, "智能马桶", 1, 0, 1, "水箱盖破损"), (2, "花洒", 2, 0, 0, null)], 7, Now);
        Assert.Equal(GoodsCheckState.Blocked, check.State);
        Assert.Equal("GoodsCheckUnresolved", Assert.Throws<ConflictException>(() => check.Load(7, Now)).Code);
        Assert.Equal("GoodsLineNotOpen", Assert.Throws<ConflictException>(() => check.Resolve(2, "无", 7, Now)).Code);
        check.Resolve(1, "厂家换新水箱盖", 7, Now);
        check.Load(7, Now);
        Assert.Equal(GoodsCheckState.Loaded, check.State);
        Assert.Equal("GoodsAlreadyLoaded", Assert.Throws<ConflictException>(() => check.Record([(1, "智能马桶", 1, 0, 0, null)], 7, Now)).Code);
    }

    [Fact]
    public void A_stocktake_is_approved_by_someone_else_and_yields_the_differences_against_stock_on_hand()
    {
        var take = new Stocktake(1, 3, Now);
        take.Count(10, 7);
        take.Count(11, 5);
        take.Count(12, 4);
        Assert.Equal("StocktakeOwnApproval", Assert.Throws<ForbiddenException>(() => take.Approve(new Dictionary<int, int>(), 3, Now)).Code);
        var differences = take.Approve(new Dictionary<int, int> { [10] = 10, [11] = 5 }, 4, Now);
        Assert.Equal([(10, -3), (12, 4)], differences);
        Assert.Equal("StocktakeApproved", Assert.Throws<ConflictException>(() => take.Count(10, 1)).Code);
    }

    [Fact]
    public void The_shipped_policy_gives_the_return_days_and_charges_a_damaged_tool_at_the_amount_set()
    {
        var policy = PolicyDocument.Default();
        Assert.Equal(7, policy.Inventory.PartReturnDays);
        Assert.True(policy.For("tool_damaged").Steps.Single().PayIncidentAmount);
        // A document without the inventory section or the newer kind still passes (with the default days).
        var older = PolicyDocument.DefaultText().Replace("inventory:", "# inventory:").Replace("  partReturnDays: 7", "");
        var withoutKind = System.Text.RegularExpressions.Regex.Replace(older, @"  tool_damaged:.*?\n\n", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        var parsed = PolicyDocument.Parse(withoutKind);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(7, parsed.Document!.Inventory.PartReturnDays);
        Assert.False(PolicyDocument.Parse(PolicyDocument.DefaultText().Replace("partReturnDays: 7", "partReturnDays: 0")).IsValid);
    }
}
