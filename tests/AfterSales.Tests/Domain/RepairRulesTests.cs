using AfterSales.Domain;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Tests.Domain;

/// <summary>WO-7 repair classes and WO-8 rework detection, at their edges.</summary>
public sealed class RepairRulesTests
{
    private static readonly WorkOrderPolicy Policy = new();

    [Theory]
    [InlineData(3.99, 1, false, RepairClass.Minor)]
    [InlineData(4, 1, false, RepairClass.Medium)]          // "< 4 h" is minor; 4 h is not
    [InlineData(2, 1, true, RepairClass.Medium)]           // cause unclear → medium however short
    [InlineData(2, 2, false, RepairClass.Medium)]          // two people is not "1 person"
    [InlineData(16, 1, false, RepairClass.Medium)]         // 2 person-days
    [InlineData(8, 2, false, RepairClass.Medium)]          // 2 person-days with two people
    [InlineData(16.5, 1, false, RepairClass.Major)]        // more than 2 days
    [InlineData(1, 3, false, RepairClass.Major)]           // several people
    public void A_repair_is_classified_by_its_labour(decimal hours, int people, bool causeUnclear, RepairClass expected) =>
        Assert.Equal(expected, RepairClassificationRule.Classify(new Labour(hours, people), causeUnclear, Policy));

    [Fact]
    public void The_limits_are_policy()
    {
        var strict = Policy with { MinorRepairMaxHours = 2 };
        Assert.Equal(RepairClass.Medium, RepairClassificationRule.Classify(new Labour(3, 1), false, strict));
    }

    [Fact]
    public void The_actual_labour_wins_over_the_estimate_and_an_override_needs_a_reason_and_is_kept()
    {
        var order = new WorkOrder(WorkOrderKind.Repair, 1, 1, 1, "漏油", DateTimeOffset.UnixEpoch, 3, Policy);
        order.AssessRepair("油管破裂", false, new Labour(2, 1), null, Policy);
        Assert.Equal(RepairClass.Minor, order.RepairClass);
        order.AssessRepair("油管破裂", false, new Labour(2, 1), new Labour(20, 1), Policy);
        Assert.Equal(RepairClass.Major, order.RepairClass);

        Assert.Equal("Required", Assert.Throws<DomainException>(() => order.OverrideRepairClass(RepairClass.Medium, " ")).Code);
        order.OverrideRepairClass(RepairClass.Medium, "含等待配件时间");
        order.AssessRepair("油管破裂", false, null, new Labour(30, 2), Policy);
        Assert.Equal(RepairClass.Medium, order.RepairClass);
    }

    [Fact]
    public void Only_repairs_are_classified()
    {
        var order = new WorkOrder(WorkOrderKind.Installation, 1, 1, 1, "安装", DateTimeOffset.UnixEpoch, 3, Policy);
        Assert.Equal("OnlyRepairsAreClassified", Assert.Throws<DomainException>(() => order.AssessRepair("x", false, null, null, Policy)).Code);
    }

    [Fact]
    public void A_rework_is_the_latest_earlier_repair_completed_within_the_window()
    {
        var received = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var earlier = new[]
        {
            new ReworkRule.EarlierRepair(1, received.AddDays(-91)),   // outside the 90-day window
            new ReworkRule.EarlierRepair(2, received.AddDays(-90)),   // exactly 90 days: inside
            new ReworkRule.EarlierRepair(3, received.AddDays(-10)),   // the latest: this one
            new ReworkRule.EarlierRepair(4, received.AddDays(1)),     // completed after the new job arrived
        };
        Assert.Equal(3, ReworkRule.EarlierJob(received, earlier, Policy));
        Assert.Equal(2, ReworkRule.EarlierJob(received, earlier.Take(2), Policy));
        Assert.Null(ReworkRule.EarlierJob(received, earlier.Take(1), Policy));
        Assert.Equal(1, ReworkRule.EarlierJob(received, earlier.Take(1), Policy with { ReworkWindowDays = 91 }));
    }
}
