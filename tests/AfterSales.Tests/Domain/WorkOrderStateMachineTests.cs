using AfterSales.Domain;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Tests.Domain;

/// <summary>WO-1: every verb in every state — the legal ones move the job, the others are refused.</summary>
public sealed class WorkOrderStateMachineTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WindowStart = Received.AddDays(1);
    private static readonly DateTimeOffset WindowEnd = WindowStart.AddHours(2);
    private static readonly WorkOrderPolicy Policy = new();

    /// <summary>Each verb, and the state it leads to when it is legal (null: the state does not change).</summary>
    private static readonly Dictionary<string, Action<WorkOrder>> Verbs = new()
    {
        ["AssignTechnician"] = w => w.AssignTechnician(7),
        ["RecordContact"] = w => w.RecordContact(Received.AddMinutes(30), 7, ContactOutcome.Reached, null, null, null, RequiredPresence.Owner, null),
        ["Schedule"] = w => w.Schedule(WindowStart, WindowEnd, customerConsented: true, WindowStart, 7),
        ["ConfirmDayBefore"] = w => w.ConfirmDayBefore(WindowStart.AddDays(-1), "业主"),
        ["CallAhead"] = w => w.CallAhead(WindowStart.AddMinutes(-40), 7, ContactOutcome.Reached, null),
        ["NotifyGoodsOnTheWay"] = w => w.NotifyGoodsOnTheWay(WindowStart.AddMinutes(-35)),
        // Departure also needs the call ahead (SCH-2): made here when the state allows it, so the verb under test is Depart.
        ["Depart"] = w =>
        {
            if (w.State == WorkOrderState.Scheduled) w.CallAhead(WindowStart.AddMinutes(-30), 7, ContactOutcome.Reached, null);
            w.Depart(WindowStart, Policy);
        },
        ["CheckIn"] = w => w.CheckIn(WindowStart.AddMinutes(30), new GeoPosition(26.07, 119.3, 12), (26.0701, 119.3001)),
        ["RecordPresent"] = w => w.RecordPresent(RequiredPresence.Owner, "水电工"),
        ["AddMeasurement"] = w => w.AddMeasurement("柜内宽", 780, MeasurementUnit.Millimetre, null, null, WindowStart.AddMinutes(40), 7),
        ["RecordCommissioningTest"] = w => w.RecordCommissioningTest(1, true, true, null, WindowStart.AddMinutes(50), 7),
        ["Complete"] = w => w.Complete(WindowStart.AddHours(1)),
        ["SendContactDetails"] = w => w.SendContactDetails(WindowStart.AddHours(1)),
        ["CheckOut"] = w => w.CheckOut(WindowStart.AddHours(1.1), null),
        // Leaving also needs the contact details sent (REC-5): sent here when the state allows it.
        ["LeaveUnfinished"] = w =>
        {
            if (w.State == WorkOrderState.OnSite) w.SendContactDetails(WindowStart.AddHours(1));
            w.LeaveUnfinished(WindowStart.AddHours(1.1), null, "缺少配件");
        },
        ["AddHelper"] = w => w.AddHelper(9, WindowStart),
        ["RequestTechnicianChange"] = w => w.RequestTechnicianChange(8, "原售后人员调岗", true, 3, WindowStart),
        ["ReportFitProblem"] = w => w.ReportFitProblem(null, "柜体深度不够", "换用小尺寸型号", 7, WindowStart),
        ["MarkSigned"] = w => w.MarkSigned(),
        ["Close"] = w => w.Close(),
        ["WaitForDepartment"] = w => w.WaitForDepartment("设计部", "墙面能否开孔？"),
        ["ConfirmByDepartment"] = w => w.ConfirmByDepartment("设计部 王工", "可以开孔"),
        ["Cancel"] = w => w.Cancel("客户取消"),
    };

    private static readonly Dictionary<WorkOrderState, string[]> Legal = new()
    {
        [WorkOrderState.New] = ["AssignTechnician", "RecordContact", "WaitForDepartment", "Cancel", "AddHelper", "RequestTechnicianChange",
            "ReportFitProblem"],
        [WorkOrderState.Contacted] = ["AssignTechnician", "RecordContact", "Schedule", "WaitForDepartment", "Cancel", "AddHelper",
            "RequestTechnicianChange", "ReportFitProblem"],
        [WorkOrderState.Scheduled] = ["AssignTechnician", "RecordContact", "Schedule", "ConfirmDayBefore", "CallAhead", "NotifyGoodsOnTheWay",
            "Depart", "WaitForDepartment", "Cancel", "AddHelper", "RequestTechnicianChange", "ReportFitProblem"],
        [WorkOrderState.EnRoute] = ["NotifyGoodsOnTheWay", "CheckIn", "AddHelper", "ReportFitProblem"],
        [WorkOrderState.OnSite] = ["RecordPresent", "AddMeasurement", "RecordCommissioningTest", "Complete", "SendContactDetails", "LeaveUnfinished",
            "WaitForDepartment", "AddHelper", "ReportFitProblem"],
        [WorkOrderState.Completed] = ["MarkSigned", "RecordPresent", "SendContactDetails", "CheckOut", "ReportFitProblem"],
        [WorkOrderState.Signed] = ["Close", "CheckOut"],
        [WorkOrderState.Closed] = ["CheckOut"],
        [WorkOrderState.WaitingForDepartment] = ["AssignTechnician", "RecordContact", "ConfirmByDepartment", "Cancel", "AddHelper",
            "RequestTechnicianChange", "ReportFitProblem"],
        [WorkOrderState.Cancelled] = [],
    };

    private static readonly Dictionary<string, WorkOrderState?> Leads = new()
    {
        ["Schedule"] = WorkOrderState.Scheduled,
        ["Depart"] = WorkOrderState.EnRoute,
        ["CheckIn"] = WorkOrderState.OnSite,
        ["Complete"] = WorkOrderState.Completed,
        ["MarkSigned"] = WorkOrderState.Signed,
        ["Close"] = WorkOrderState.Closed,
        ["WaitForDepartment"] = WorkOrderState.WaitingForDepartment,
        ["Cancel"] = WorkOrderState.Cancelled,
        ["LeaveUnfinished"] = WorkOrderState.Contacted,
        ["CheckOut"] = null,
    };

    public static TheoryData<WorkOrderState, string> EveryStateAndVerb()
    {
        var data = new TheoryData<WorkOrderState, string>();
        foreach (var state in Enum.GetValues<WorkOrderState>())
            foreach (var verb in Verbs.Keys)
                data.Add(state, verb);
        return data;
    }

    [Theory, MemberData(nameof(EveryStateAndVerb))]
    public void A_verb_is_done_only_in_the_states_that_allow_it(WorkOrderState state, string verb)
    {
        var order = InState(state);
        if (Legal[state].Contains(verb))
        {
            Verbs[verb](order);
            if (Leads.TryGetValue(verb, out var next)) Assert.Equal(next ?? state, order.State);
            if (verb == "ConfirmByDepartment") Assert.Equal(WorkOrderState.Scheduled, order.State);
        }
        else
        {
            var refused = Assert.Throws<IllegalTransitionException>(() => Verbs[verb](order));
            Assert.Equal(verb, refused.Verb);
            Assert.Equal(state, refused.State);
            Assert.Equal(state, order.State);
        }
    }

    [Fact]
    public void The_first_contact_is_due_by_the_policy_window_and_overdue_after_it()
    {
        var order = New();
        Assert.Equal(Received.AddHours(2), order.FirstContactDueAt);
        Assert.False(order.IsFirstContactOverdue(Received.AddHours(2)));
        Assert.True(order.IsFirstContactOverdue(Received.AddHours(2).AddSeconds(1)));
    }

    [Fact]
    public void An_unanswered_call_meets_the_deadline_but_does_not_count_as_contacted()
    {
        var order = New();
        order.RecordContact(Received.AddHours(1), 7, ContactOutcome.NoAnswer, null, null, null, RequiredPresence.None, null);
        Assert.Equal(WorkOrderState.New, order.State);
        Assert.Equal(Received.AddHours(1), order.FirstContactAt);
        Assert.False(order.IsFirstContactOverdue(Received.AddHours(5)));
    }

    [Fact]
    public void Reaching_the_customer_with_an_agreed_time_schedules_the_job_and_records_who_must_be_there()
    {
        var order = New();
        order.RecordContact(Received.AddHours(1), 7, ContactOutcome.Reached, "瓷砖已贴完", WindowStart, WindowEnd,
            RequiredPresence.Owner | RequiredPresence.Plumber, null);
        Assert.Equal(WorkOrderState.Scheduled, order.State);
        Assert.Equal(WindowStart, order.AppointmentStart);
        Assert.Equal(RequiredPresence.Owner | RequiredPresence.Plumber, order.Required);
    }

    [Fact]
    public void An_agreed_time_cannot_be_recorded_for_a_call_that_did_not_reach_the_customer()
    {
        var order = New();
        var refused = Assert.Throws<DomainException>(() =>
            order.RecordContact(Received, 7, ContactOutcome.NoAnswer, null, WindowStart, WindowEnd, RequiredPresence.None, null));
        Assert.Equal("AgreementNeedsReachedCustomer", refused.Code);
        Assert.Empty(order.Contacts);
    }

    [Fact]
    public void Changing_an_agreed_time_needs_the_customers_consent()
    {
        var order = InState(WorkOrderState.Scheduled);
        var refused = Assert.Throws<DomainException>(() => order.Schedule(WindowStart.AddHours(3), WindowEnd.AddHours(3), customerConsented: false, WindowStart, 7));
        Assert.Equal("RescheduleNeedsConsent", refused.Code);
        Assert.Equal(WindowStart, order.AppointmentStart);
        order.Schedule(WindowStart.AddHours(3), WindowEnd.AddHours(3), customerConsented: true, WindowStart, 7);
        Assert.Equal(WindowStart.AddHours(3), order.AppointmentStart);
        var consent = Assert.Single(order.Contacts, c => c.Purpose == ContactPurpose.Reschedule);
        Assert.Equal((7, WindowStart.AddHours(3)), (consent.StaffId, consent.AgreedStart));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(120, false)]
    [InlineData(121, true)]
    public void Arriving_after_the_window_is_recorded_as_late(int minutesAfterStart, bool late)
    {
        var order = InState(WorkOrderState.EnRoute);
        order.CheckIn(WindowStart.AddMinutes(minutesAfterStart));
        Assert.Equal(late, order.ArrivedLate);
    }

    [Fact]
    public void A_second_technician_is_refused_without_approval()
    {
        var order = New();
        order.AssignTechnician(7);
        order.AssignTechnician(7);
        Assert.Equal("TechnicianChangeNeedsApproval", Assert.Throws<ConflictException>(() => order.AssignTechnician(8)).Code);
        Assert.Equal(7, order.TechnicianId);
    }

    [Fact]
    public void A_department_confirmation_returns_the_job_to_where_it_stopped_and_keeps_who_confirmed_what()
    {
        var order = InState(WorkOrderState.OnSite);
        order.WaitForDepartment("采购部", "配件何时到货？");
        order.ConfirmByDepartment("采购部 李经理", "周五到货");
        Assert.Equal(WorkOrderState.OnSite, order.State);
        Assert.Equal("采购部 李经理", order.DepartmentConfirmedBy);
        Assert.Equal("周五到货", order.DepartmentAnswer);
    }

    [Fact]
    public void Departure_needs_a_technician()
    {
        var order = New();
        order.RecordContact(Received, 7, ContactOutcome.Reached, null, WindowStart, WindowEnd, RequiredPresence.None, null);
        Assert.Equal("NoTechnician", Assert.Throws<DomainException>(() => order.Depart(WindowStart, Policy)).Code);
    }

    [Fact]
    public void An_installation_leaves_only_after_the_day_before_confirmation_and_the_checklist_and_completes_only_after_its_own()
    {
        var order = new WorkOrder(WorkOrderKind.Installation, 1, 1, 1, "安装淋浴房", Received, 3, new WorkOrderPolicy());
        order.AssignTechnician(7);
        order.RecordContact(Received, 7, ContactOutcome.Reached, null, WindowStart, WindowEnd, RequiredPresence.Owner, null);
        Assert.Equal(["GoodsUnboxedChecked", "Tools", "Accessories", "RecordForm"],
            order.Checklist.Where(i => i.Phase == ChecklistPhase.PreDeparture).Select(i => i.Code));

        Assert.Equal("NotReleasedWithoutConfirmation", Assert.Throws<ConflictException>(() => order.Depart(WindowStart, Policy)).Code);
        order.ConfirmDayBefore(WindowStart.AddDays(-1), "业主");
        var open = Assert.Throws<ConflictException>(() => order.Depart(WindowStart, Policy));
        Assert.Equal("ChecklistIncompleteBeforeDeparture", open.Code);
        Assert.Equal(4, open.Arguments[0]);

        // Items are saved with ids; here they are numbered as the database would.
        var id = 1;
        foreach (var item in order.Checklist) typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(item, id++);
        var completionItem = order.Checklist.First(i => i.Phase == ChecklistPhase.Completion);
        Assert.Throws<IllegalTransitionException>(() => order.SetChecklistItem(completionItem.Id, true, WindowStart, 7));
        foreach (var item in order.Checklist.Where(i => i.Phase == ChecklistPhase.PreDeparture)) order.SetChecklistItem(item.Id, true, WindowStart, 7);
        order.CallAhead(WindowStart.AddMinutes(-30), 7, ContactOutcome.Reached, null);
        order.Depart(WindowStart, Policy);
        order.CheckIn(WindowStart.AddMinutes(20));

        Assert.Equal(3, Assert.Throws<ConflictException>(() => order.Complete(WindowStart.AddHours(1))).Arguments[0]);
        foreach (var item in order.Checklist.Where(i => i.Phase == ChecklistPhase.Completion)) order.SetChecklistItem(item.Id, true, WindowStart, 7);
        order.Complete(WindowStart.AddHours(1));
        Assert.Equal(WorkOrderState.Completed, order.State);
    }

    [Fact]
    public void A_measurement_needs_no_day_before_confirmation_and_brings_the_measuring_kit()
    {
        var order = new WorkOrder(WorkOrderKind.Measurement, 1, 1, 1, "量尺", Received, 3, new WorkOrderPolicy());
        Assert.False(order.NeedsDayBeforeConfirmation);
        Assert.Contains("MeasuringTools", order.Checklist.Select(i => i.Code));
        Assert.Contains("ShoeCovers", order.Checklist.Select(i => i.Code));
    }

    /// <summary>An installation of one unit already on site (an item without a product needs no commissioning), numbered as saved.</summary>
    private static WorkOrder New()
    {
        var order = new WorkOrder(WorkOrderKind.Installation, 1, 1, 1, "安装智能马桶", Received, 3, TimeSpan.FromHours(2));
        var item = order.AddItem(null, 5, 1);
        typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(item, 1);
        return order;
    }

    private static WorkOrder InState(WorkOrderState state)
    {
        var order = New();
        order.AssignTechnician(7);
        var path = state switch
        {
            WorkOrderState.New => [],
            WorkOrderState.Contacted => ["RecordContact"],
            WorkOrderState.Scheduled => ["RecordContact", "Schedule"],
            WorkOrderState.EnRoute => ["RecordContact", "Schedule", "Depart"],
            WorkOrderState.OnSite => ["RecordContact", "Schedule", "Depart", "CheckIn"],
            WorkOrderState.Completed => ["RecordContact", "Schedule", "Depart", "CheckIn", "Complete", "SendContactDetails"],
            WorkOrderState.Signed => ["RecordContact", "Schedule", "Depart", "CheckIn", "Complete", "SendContactDetails", "MarkSigned"],
            WorkOrderState.Closed => ["RecordContact", "Schedule", "Depart", "CheckIn", "Complete", "SendContactDetails", "MarkSigned", "Close"],
            WorkOrderState.WaitingForDepartment => ["RecordContact", "Schedule", "WaitForDepartment"],
            WorkOrderState.Cancelled => ["Cancel"],
            _ => new[] { "" },
        };
        foreach (var verb in path) Verbs[verb](order);
        Assert.Equal(state, order.State);
        return order;
    }
}
