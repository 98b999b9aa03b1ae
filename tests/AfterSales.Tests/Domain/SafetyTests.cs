using AfterSales.Domain;
using AfterSales.Domain.Safety;
using AfterSales.Features.Safety;

namespace AfterSales.Tests.Domain;

/// <summary>The safety rules on their own (SAF-1…SAF-3): agreement validity, the permit's order, work start and restore gates, close-out.</summary>
public sealed class SafetyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 5, 4);

    private static PermitToWork NewPermit()
    {
        var permit = new PermitToWork(7, 3, 1, new PermitTemplate(DemoSafety.TrainTemplateName, DemoSafety.TrainKind, DemoSafety.TrainSteps), T0);
        // Ids as the database would give them, so steps are addressed as the API addresses them.
        var id = 100;
        foreach (var step in permit.Steps) typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(step, ++id);
        return permit;
    }

    private static int StepId(PermitToWork permit, int position) => permit.Steps.Single(s => s.Position == position).Id;

    private static AfterSales.Domain.WorkOrders.VisitPhoto Photo() => null!;

    [Fact]
    public void Check_in_at_a_base_needs_an_agreement_valid_on_the_day_SAF1()
    {
        NoCheckInAtBaseWithoutValidAgreement.Check(false, [], Today);
        NoCheckInAtBaseWithoutValidAgreement.Check(true, [(Today.AddYears(-1), Today)], Today);
        Assert.Equal("SafetyAgreementMissing", Assert.Throws<ConflictException>(() => NoCheckInAtBaseWithoutValidAgreement.Check(true, [], Today)).Code);
        var expired = Assert.Throws<ConflictException>(() =>
            NoCheckInAtBaseWithoutValidAgreement.Check(true, [(Today.AddYears(-2), Today.AddYears(-1)), (Today.AddYears(-1), Today.AddDays(-1))], Today));
        Assert.Equal("SafetyAgreementExpired", expired.Code);
        Assert.Equal("2026-05-03", expired.Arguments.Single());
        // Signed for later only: not valid yet, and not "expired".
        Assert.Equal("SafetyAgreementMissing", Assert.Throws<ConflictException>(() =>
            NoCheckInAtBaseWithoutValidAgreement.Check(true, [(Today.AddDays(1), Today.AddYears(1))], Today)).Code);
        Assert.Throws<DomainException>(() => new SafetyAgreement(1, "a.pdf", "application/pdf", [1], Today, Today.AddDays(-1), null, 1, T0));
        Assert.Throws<DomainException>(() => new SafetyAgreement(1, "a.exe", "application/x-msdownload", [1], Today, Today, null, 1, T0));
    }

    [Fact]
    public void Steps_go_in_order_work_starts_after_isolation_and_protective_equipment_and_power_returns_after_the_close_out_SAF2_SAF3()
    {
        var permit = NewPermit();
        Assert.Equal(PermitState.Isolating, permit.State);
        var order = Assert.Throws<ConflictException>(() => permit.RecordStep(StepId(permit, 2), T0, 9, Photo(), null));
        Assert.Equal(["PermitStepOutOfOrder", DemoSafety.TrainSteps[1].Title, DemoSafety.TrainSteps[0].Title], [order.Code, .. order.Arguments]);
        Assert.Equal("PermitWorkBeforeIsolation", Assert.Throws<ConflictException>(() => permit.StartWork(T0, 9)).Code);
        Assert.Equal("PermitWorkBeforeIsolation", Assert.Throws<ConflictException>(() => WorkCannotStartBeforeIsolation.CheckStarted(permit)).Code);

        for (var position = 1; position <= 6; position++) permit.RecordStep(StepId(permit, position), T0.AddMinutes(position), 9, Photo(), null);
        Assert.Equal("PermitStepAlreadyDone", Assert.Throws<ConflictException>(() => permit.RecordStep(StepId(permit, 6), T0, 9, Photo(), null)).Code);
        Assert.Equal("PermitWorkBeforeProtectiveEquipment", Assert.Throws<ConflictException>(() => permit.StartWork(T0, 9)).Code);
        permit.ConfirmProtectiveEquipment(T0.AddMinutes(7), 9);
        Assert.Equal("PermitRestoreBeforeCloseOut", Assert.Throws<ConflictException>(() => permit.RecordStep(StepId(permit, 7), T0, 9, Photo(), null)).Code);
        Assert.Equal("PermitCloseOutBeforeStart", Assert.Throws<ConflictException>(() =>
            permit.CloseOut(T0, 9, true, true, true, WasteOil.NoneProduced, null, true)).Code);
        Assert.Equal("PermitWorkNotStarted", Assert.Throws<ConflictException>(() => WorkCannotStartBeforeIsolation.CheckStarted(permit)).Code);
        permit.StartWork(T0.AddMinutes(8), 9);
        WorkCannotStartBeforeIsolation.CheckStarted(permit);
        WorkCannotStartBeforeIsolation.CheckStarted(null);
        Assert.Equal(PermitState.Working, permit.State);

        Assert.Equal("PermitCloseOutBeforeJobDone", Assert.Throws<ConflictException>(() =>
            permit.CloseOut(T0, 9, true, true, true, WasteOil.NoneProduced, null, false)).Code);
        Assert.Equal("PermitCloseOutIncomplete", Assert.Throws<DomainException>(() =>
            permit.CloseOut(T0, 9, true, false, true, WasteOil.NoneProduced, null, true)).Code);
        Assert.Equal("WasteOilReceiverRequired", Assert.Throws<DomainException>(() =>
            permit.CloseOut(T0, 9, true, true, true, WasteOil.HandedToStore, " ", true)).Code);
        Assert.Equal("PermitOpenAtCheckOut", Assert.Throws<ConflictException>(() => NoCheckOutWithPermitOpen.Check(permit)).Code);
        permit.CloseOut(T0.AddHours(2), 9, true, true, true, WasteOil.HandedToStore, "危险品仓库 李工", true);
        Assert.Equal(PermitState.Restoring, permit.State);
        Assert.Equal("PermitStepOutOfOrder", Assert.Throws<ConflictException>(() => permit.RecordStep(StepId(permit, 8), T0, 9, Photo(), null)).Code);
        permit.RecordStep(StepId(permit, 7), T0.AddHours(3), 9, Photo(), null);
        permit.RecordStep(StepId(permit, 8), T0.AddHours(3), 9, Photo(), null);
        Assert.Equal(PermitState.Finished, permit.State);
        NoCheckOutWithPermitOpen.Check(permit);
    }

    [Fact]
    public void A_template_names_its_kinds_and_keeps_the_restoring_steps_after_the_isolation_ones()
    {
        var template = new PermitTemplate("电梯维修许可", "垂直设备，卷压设备、 垂直设备", [("断电挂牌", PermitPhase.BeforeWork), ("恢复送电", PermitPhase.AfterWork)]);
        Assert.Equal(["垂直设备", "卷压设备"], template.Kinds);
        Assert.True(template.AppliesTo([null, "卷压设备"]));
        Assert.False(template.AppliesTo(["列车空调"]));
        Assert.Equal("PermitTemplatePhasesOutOfOrder", Assert.Throws<DomainException>(() =>
            template.Update("x", "垂直设备", true, [("a", PermitPhase.BeforeWork), ("b", PermitPhase.AfterWork), ("c", PermitPhase.BeforeWork)])).Code);
        Assert.Equal("PermitTemplateNeedsSteps", Assert.Throws<DomainException>(() =>
            template.Update("x", "垂直设备", true, [("b", PermitPhase.AfterWork)])).Code);
        template.Update("x", "垂直设备", false, [("a", PermitPhase.BeforeWork)]);
        Assert.False(template.AppliesTo(["垂直设备"]));
    }

    [Fact]
    public void The_shipped_policy_fines_a_safety_violation_and_older_policies_without_the_kind_still_pass_SAF4()
    {
        var policy = AfterSales.Domain.Assessment.PolicyDocument.Default();
        Assert.Equal(200m, policy.For("safety_violation").Steps.Single().Pay);
        var withoutKind = System.Text.RegularExpressions.Regex.Replace(AfterSales.Domain.Assessment.PolicyDocument.DefaultText(),
            @"  safety_violation:.*?\n\n", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.DoesNotContain("safety_violation", withoutKind);
        var parsed = AfterSales.Domain.Assessment.PolicyDocument.Parse(withoutKind);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
    }
    [Fact]
    public void An_interrupted_permit_skips_the_isolation_left_undone_restores_what_was_isolated_and_allows_no_more_work_SAF2()
    {
        var permit = NewPermit();
        permit.RecordStep(StepId(permit, 1), T0, 9, Photo(), null);
        permit.RecordStep(StepId(permit, 2), T0.AddMinutes(1), 9, Photo(), null);
        Assert.Equal("PermitOpenAtLeaving", Assert.Throws<ConflictException>(() => NoCheckOutWithPermitOpen.CheckLeavingUnfinished(permit)).Code);
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => permit.Interrupt(T0, 9, "  ", true, true, WasteOil.NoneProduced, null)).Field);
        Assert.Equal("PermitInterruptionSiteNotCleared",
            Assert.Throws<DomainException>(() => permit.Interrupt(T0, 9, "车辆段收回车辆", true, false, WasteOil.NoneProduced, null)).Code);
        Assert.Equal(nameof(WasteOil), Assert.Throws<DomainException>(() => permit.Interrupt(T0, 9, "车辆段收回车辆", true, true, null, null)).Field);

        permit.Interrupt(T0.AddMinutes(2), 9, "车辆段收回车辆", true, true, WasteOil.NoneProduced, null);
        Assert.Equal(PermitState.Restoring, permit.State);
        // Isolation steps 3–6 are no longer needed; restoring starts at step 7.
        Assert.Equal([false, false, false, false, true, true], permit.Steps.Where(s => s.Position >= 3).OrderBy(s => s.Position).Select(permit.IsNeeded));
        Assert.Equal(7, permit.NextStep!.Position);
        Assert.Equal("PermitStepAfterInterruption", Assert.Throws<ConflictException>(() => permit.RecordStep(StepId(permit, 3), T0, 9, Photo(), null)).Code);
        Assert.Equal("PermitInterrupted", Assert.Throws<ConflictException>(() => permit.ConfirmProtectiveEquipment(T0, 9)).Code);
        Assert.Equal("PermitInterrupted", Assert.Throws<ConflictException>(() => WorkCannotStartBeforeIsolation.CheckStarted(permit)).Code);
        Assert.Equal("PermitInterrupted", Assert.Throws<ConflictException>(() =>
            permit.Interrupt(T0, 9, "再次中断", true, true, WasteOil.NoneProduced, null)).Code);
        Assert.Equal("PermitOpenAtCheckOut", Assert.Throws<ConflictException>(() => NoCheckOutWithPermitOpen.CheckLeavingUnfinished(permit)).Code);

        permit.RecordStep(StepId(permit, 7), T0.AddMinutes(3), 9, Photo(), null);
        permit.RecordStep(StepId(permit, 8), T0.AddMinutes(4), 9, Photo(), null);
        Assert.Equal(PermitState.Finished, permit.State);
        Assert.Equal(T0.AddMinutes(4), permit.FinishedAt);
        NoCheckOutWithPermitOpen.CheckLeavingUnfinished(permit);
    }
}
