using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.People;

namespace AfterSales.Tests.Domain;

/// <summary>HR-4: a sales lead's steps and its reward, and the policy's reward range (POL-2).</summary>
public sealed class SalesLeadTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private static SalesLead Lead() => new(customerId: 1, regionId: 1, siteId: null, "想再买一台制砖机", 120000m, recordedById: 13, At);

    [Fact]
    public void HR4_a_lead_moves_from_new_through_forwarded_and_contacted_to_won_and_is_rewarded_once_within_the_range()
    {
        var lead = Lead();
        Assert.Equal(SalesLeadState.New, lead.State);
        lead.Forward(7, At.AddHours(1));
        Assert.Equal("SalesLeadState", Assert.Throws<ConflictException>(() => lead.Forward(7, At.AddHours(2))).Code);
        lead.MarkContacted(7, At.AddHours(2));
        Assert.Throws<ConflictException>(() => lead.GrantReward(100m, 50m, 500m, "1", 7, At.AddHours(3)));
        Assert.Equal("OrderValue", Assert.Throws<DomainException>(() => lead.Win(null, null, 7, At.AddHours(3))).Field);
        lead.Win(98000m, "已签合同", 7, At.AddHours(3));
        Assert.Equal(SalesLeadState.Won, lead.State);
        Assert.Throws<ConflictException>(() => lead.Lose("x", 7, At.AddHours(4)));

        Assert.Throws<ForbiddenException>(() => lead.GrantReward(100m, 50m, 500m, "1", 13, At.AddHours(4)));
        Assert.Equal("AmountOutsideRange", Assert.Throws<DomainException>(() => lead.GrantReward(501m, 50m, 500m, "1", 7, At.AddHours(4))).Code);
        lead.GrantReward(200m, 50m, 500m, "3", 7, At.AddHours(4));
        Assert.Equal((200m, "3"), (lead.Reward!.Value, lead.RewardPolicyVersion));
        Assert.Equal("SalesLeadRewarded", Assert.Throws<ConflictException>(() => lead.GrantReward(100m, 50m, 500m, "3", 7, At.AddHours(5))).Code);
    }

    [Fact]
    public void HR4_a_lead_needs_what_the_customer_wants_and_a_lost_one_a_note()
    {
        Assert.Equal("Wants", Assert.Throws<DomainException>(() => new SalesLead(1, 1, null, " ", null, 13, At)).Field);
        Assert.Equal("EstimatedValue", Assert.Throws<DomainException>(() => new SalesLead(1, 1, null, "机器", -1m, 13, At)).Field);
        var lead = Lead();
        Assert.Equal("OutcomeNote", Assert.Throws<DomainException>(() => lead.Lose(" ", 7, At)).Field);
        lead.Lose("客户预算不足", 7, At);
        Assert.Equal(SalesLeadState.Lost, lead.State);
    }

    [Fact]
    public void POL2_the_default_policy_carries_the_lead_reward_range_and_a_wrong_range_is_refused()
    {
        var policy = PolicyDocument.Default();
        Assert.Equal((50m, 500m), (policy.SalesLead.RewardMin, policy.SalesLead.RewardMax));
        var check = PolicyDocument.Parse(PolicyDocument.DefaultText().Replace("rewardMax: 500", "rewardMax: 20"));
        Assert.Equal("Policy.SalesLeadRange", Assert.Single(check.Errors).Code);
        // A document written before the section existed still passes, with the default range.
        var older = PolicyDocument.Parse(PolicyDocument.DefaultText().Replace("salesLead:", "#").Replace("  rewardMin: 50", "#").Replace("  rewardMax: 500", "#"));
        Assert.True(older.IsValid);
    }
}
