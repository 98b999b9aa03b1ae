using AfterSales.Domain;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Tests.Domain;

/// <summary>The visit on site: SCH-2 call ahead, VIS-3…VIS-5, REC-5, and the changes of hands of WO-4 and WO-6.</summary>
public sealed class VisitTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WindowStart = Received.AddDays(1);
    private static readonly WorkOrderPolicy Policy = new();

    [Theory]
    [InlineData(-12 * 60, true)]
    [InlineData(-12 * 60 - 1, false)]
    [InlineData(-5, true)]
    public void Departure_needs_a_call_ahead_made_within_the_policy_hours(int callMinutesBeforeDeparture, bool departs)
    {
        var order = Scheduled();
        Assert.Equal("CallAheadBeforeDeparture", Assert.Throws<ConflictException>(() => order.Depart(WindowStart, Policy)).Code);
        order.CallAhead(WindowStart.AddMinutes(callMinutesBeforeDeparture), 7, ContactOutcome.NoAnswer, "没人接，出发");
        if (departs)
        {
            var visit = order.Depart(WindowStart, Policy);
            Assert.Equal(1, visit.Number);
            Assert.Equal(WorkOrderState.EnRoute, order.State);
        }
        else
        {
            Assert.Equal(12.0, Assert.Throws<ConflictException>(() => order.Depart(WindowStart, Policy)).Arguments[0]);
        }
        Assert.Contains(order.Contacts, c => c.Purpose == ContactPurpose.CallAhead && c.Outcome == ContactOutcome.NoAnswer);
    }

    [Fact]
    public void Check_in_keeps_the_position_its_accuracy_and_the_distance_from_the_site()
    {
        var order = EnRoute();
        order.CheckIn(WindowStart.AddMinutes(10), new GeoPosition(26.0800, 119.3000, 15), (26.0700, 119.3000));
        var visit = order.CurrentVisit!;
        Assert.Equal(26.08, visit.CheckInLatitude);
        Assert.Equal(15, visit.CheckInAccuracyMeters);
        Assert.InRange(visit.CheckInMetersFromSite!.Value, 1100, 1125); // 0.01° of latitude ≈ 1.11 km
        Assert.False(order.ArrivedLate);
    }

    [Fact]
    public void A_phone_without_a_position_still_checks_in_and_the_gap_is_on_record()
    {
        var order = EnRoute();
        order.CheckIn(WindowStart.AddMinutes(10));
        Assert.Null(order.CurrentVisit!.CheckInLatitude);
        Assert.Null(order.CurrentVisit.CheckInMetersFromSite);
    }

    [Theory]
    [InlineData(91, 0, 10)]
    [InlineData(0, 181, 10)]
    [InlineData(0, 0, -1)]
    public void A_position_out_of_range_is_refused(double lat, double lng, double accuracy) =>
        Assert.ThrowsAny<DomainException>(() => new GeoPosition(lat, lng, accuracy));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_measurement_is_a_positive_number_with_a_unit(decimal value)
    {
        var order = OnSite();
        Assert.Equal("MeasurementMustBePositive",
            Assert.Throws<DomainException>(() => order.AddMeasurement("柜内宽", value, MeasurementUnit.Millimetre, null, null, WindowStart, 7)).Code);
        Assert.Equal("Required",
            Assert.Throws<DomainException>(() => order.AddMeasurement(" ", 10, MeasurementUnit.Millimetre, null, null, WindowStart, 7)).Code);
        var kept = order.AddMeasurement("柜内宽", 780.5m, MeasurementUnit.Millimetre, ItemId, "含踢脚线", WindowStart, 7);
        Assert.Equal(780.5m, kept.Value);
        Assert.Equal("ItemNotOfWorkOrder",
            Assert.Throws<DomainException>(() => order.AddMeasurement("高", 1, MeasurementUnit.Metre, 99, null, WindowStart, 7)).Code);
    }

    [Fact]
    public void An_installation_completes_only_when_every_product_passed_its_latest_commissioning_test()
    {
        var order = OnSite();
        TickCompletion(order);
        Assert.Equal(1, Assert.Throws<ConflictException>(() => order.Complete(WindowStart.AddHours(1))).Arguments[0]);

        Assert.Equal("FailedTestNeedsNotes",
            Assert.Throws<DomainException>(() => order.RecordCommissioningTest(ItemId, false, true, null, WindowStart, 7)).Code);
        var failed = order.RecordCommissioningTest(ItemId, false, true, "进水口渗水", WindowStart.AddMinutes(30), 7);
        Assert.Equal(1, failed.Attempt);
        Assert.Equal("CommissioningNotPassed", Assert.Throws<ConflictException>(() => order.Complete(WindowStart.AddHours(1))).Code);

        var passed = order.RecordCommissioningTest(ItemId, true, true, "更换密封圈后复测", WindowStart.AddMinutes(45), 7);
        Assert.Equal(2, passed.Attempt);
        Assert.Empty(order.UncommissionedItems());
        order.Complete(WindowStart.AddHours(1));
        Assert.Equal(WorkOrderState.Completed, order.State);
        Assert.Equal(2, order.CurrentVisit!.Tests.Count);
    }

    [Fact]
    public void The_technician_leaves_only_after_sending_their_contact_details_to_the_customer()
    {
        var order = OnSite();
        order.RecordCommissioningTest(ItemId, true, true, null, WindowStart, 7);
        TickCompletion(order);
        order.Complete(WindowStart.AddHours(1));
        Assert.Equal("ContactDetailsBeforeLeaving", Assert.Throws<ConflictException>(() => order.CheckOut(WindowStart.AddHours(1), null)).Code);
        order.SendContactDetails(WindowStart.AddHours(1));
        order.CheckOut(WindowStart.AddHours(1.2), new GeoPosition(26.07, 119.3, 20));
        Assert.True(order.Visits.Single().IsOver);
        Assert.Null(order.CurrentVisit);
        Assert.Throws<IllegalTransitionException>(() => order.CheckOut(WindowStart.AddHours(2), null));
    }

    [Fact]
    public void Leaving_unfinished_ends_the_visit_and_the_job_needs_a_new_appointment_release_and_checklist()
    {
        var order = OnSite();
        order.SendContactDetails(WindowStart.AddHours(1));
        Assert.Equal("Required", Assert.Throws<DomainException>(() => order.LeaveUnfinished(WindowStart.AddHours(1), null, "")).Code);
        order.LeaveUnfinished(WindowStart.AddHours(1), null, "台面未安装，无法安装龙头");
        Assert.Equal(WorkOrderState.Contacted, order.State);
        Assert.Null(order.AppointmentStart);
        Assert.Null(order.DayBeforeConfirmedAt);
        Assert.All(order.Checklist, i => Assert.False(i.IsDone));
        Assert.Equal("台面未安装，无法安装龙头", order.Visits.Single().LeftUnfinishedReason);

        order.Schedule(WindowStart.AddDays(3), WindowStart.AddDays(3).AddHours(2), customerConsented: true, WindowStart, 7);
        order.ConfirmDayBefore(WindowStart.AddDays(2), "业主");
        TickPreDeparture(order);
        order.CallAhead(WindowStart.AddDays(3).AddMinutes(-30), 7, ContactOutcome.Reached, null);
        Assert.Equal(2, order.Depart(WindowStart.AddDays(3), Policy).Number);
    }

    [Fact]
    public void A_change_of_technician_takes_effect_only_when_a_manager_approves_it()
    {
        var order = Scheduled();
        var request = order.RequestTechnicianChange(8, "原售后人员长期外派", true, 7, WindowStart);
        NumberAs(request, 1);
        Assert.Equal(7, order.TechnicianId);
        Assert.Equal("ChangeRequestPending", Assert.Throws<ConflictException>(() => order.RequestTechnicianChange(9, "再换", true, 7, WindowStart)).Code);
        Assert.Equal("Required", Assert.Throws<DomainException>(() => order.DecideTechnicianChange(1, false, 2, WindowStart, null)).Code);

        order.DecideTechnicianChange(1, true, 2, WindowStart, null);
        Assert.Equal(8, order.TechnicianId);
        Assert.Equal(ChangeRequestState.Approved, request.State);
        Assert.Equal(2, request.DecidedById);
        Assert.Equal("ChangeRequestDecided", Assert.Throws<ConflictException>(() => order.DecideTechnicianChange(1, false, 2, WindowStart, "不行")).Code);
    }

    [Fact]
    public void A_rejected_change_keeps_the_technician_and_a_request_needs_a_reason_and_another_person()
    {
        var order = Scheduled();
        Assert.Equal("Required", Assert.Throws<DomainException>(() => order.RequestTechnicianChange(8, " ", true, 7, WindowStart)).Code);
        Assert.Equal("SameTechnician", Assert.Throws<DomainException>(() => order.RequestTechnicianChange(7, "换人", true, 7, WindowStart)).Code);
        var request = order.RequestTechnicianChange(8, "客户要求", false, 7, WindowStart);
        NumberAs(request, 1);
        order.DecideTechnicianChange(1, false, 2, WindowStart, "一个客户一名售后人员跟到底");
        Assert.Equal(7, order.TechnicianId);
        Assert.Equal(ChangeRequestState.Rejected, request.State);
    }

    [Fact]
    public void A_helper_works_on_the_job_with_its_technician()
    {
        var order = Scheduled();
        Assert.False(order.IsWorkedBy(9));
        order.AddHelper(9, WindowStart);
        Assert.True(order.IsWorkedBy(9));
        Assert.Equal("AlreadyHelping", Assert.Throws<DomainException>(() => order.AddHelper(9, WindowStart)).Code);
        Assert.Equal("HelperIsTheTechnician", Assert.Throws<DomainException>(() => order.AddHelper(7, WindowStart)).Code);
        order.RemoveHelper(9);
        Assert.False(order.IsWorkedBy(9));
    }

    [Fact]
    public void A_fit_problem_needs_the_problem_and_an_alternative()
    {
        var order = Scheduled();
        Assert.Equal("Required", Assert.Throws<DomainException>(() => order.ReportFitProblem(ItemId, "太深", " ", 7, WindowStart)).Code);
        var fit = order.ReportFitProblem(ItemId, "柜体深度只有 450 mm，放不下", "改用 400 mm 浅柜款", 7, WindowStart);
        Assert.Equal(ItemId, fit.WorkOrderItemId);
    }

    [Fact]
    public void A_photo_must_be_a_small_real_image_taken_during_the_visit()
    {
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0 };
        Assert.Throws<IllegalTransitionException>(() => new VisitPhoto(Scheduled(), jpeg, "image/jpeg", null, WindowStart, 7));
        var order = OnSite();
        Assert.Equal("PhotoTypeNotAllowed", Assert.Throws<DomainException>(() => new VisitPhoto(order, jpeg, "image/png", null, WindowStart, 7)).Code);
        Assert.Equal("PhotoTypeNotAllowed", Assert.Throws<DomainException>(() => new VisitPhoto(order, "%PDF-1"u8.ToArray(), "image/jpeg", null, WindowStart, 7)).Code);
        Assert.Equal("PhotoTooLarge",
            Assert.Throws<DomainException>(() => new VisitPhoto(order, [.. jpeg, .. new byte[VisitPhoto.MaxBytes]], "image/jpeg", null, WindowStart, 7)).Code);
        Assert.Equal("image/jpeg", new VisitPhoto(order, jpeg, "image/jpeg", "进水口", WindowStart, 7).ContentType);
    }

    private const int ItemId = 11;

    private static void NumberAs(Entity entity, int id) => typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(entity, id);

    private static WorkOrder Scheduled()
    {
        var order = new WorkOrder(WorkOrderKind.Installation, 1, 1, 1, "安装智能马桶", Received, 3, Policy);
        NumberAs(order.AddItem(productId: 4, equipmentId: null, quantity: 1), ItemId);
        var id = 100;
        foreach (var item in order.Checklist) NumberAs(item, id++);
        order.AssignTechnician(7);
        order.RecordContact(Received.AddMinutes(20), 7, ContactOutcome.Reached, null, WindowStart, WindowStart.AddHours(2), RequiredPresence.Owner, null);
        order.ConfirmDayBefore(WindowStart.AddDays(-1), "业主");
        TickPreDeparture(order);
        return order;
    }

    private static WorkOrder EnRoute()
    {
        var order = Scheduled();
        order.CallAhead(WindowStart.AddMinutes(-30), 7, ContactOutcome.Reached, null);
        order.Depart(WindowStart.AddMinutes(-20), Policy);
        return order;
    }

    private static WorkOrder OnSite()
    {
        var order = EnRoute();
        order.CheckIn(WindowStart.AddMinutes(10));
        return order;
    }

    private static void TickPreDeparture(WorkOrder order)
    {
        foreach (var item in order.Checklist.Where(i => i.Phase == ChecklistPhase.PreDeparture)) order.SetChecklistItem(item.Id, true, WindowStart, 7);
    }

    private static void TickCompletion(WorkOrder order)
    {
        foreach (var item in order.Checklist.Where(i => i.Phase == ChecklistPhase.Completion)) order.SetChecklistItem(item.Id, true, WindowStart, 7);
    }
}
