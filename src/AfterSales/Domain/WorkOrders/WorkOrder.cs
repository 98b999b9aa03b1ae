namespace AfterSales.Domain.WorkOrders;

/// <summary>
/// One job for one customer site (工单). Its state changes only through the verbs below; a verb called in a state
/// that does not allow it is refused with <see cref="IllegalTransitionException"/> (WO-1).
/// </summary>
public class WorkOrder : Entity
{
    private readonly List<WorkOrderContact> _contacts = [];
    private readonly List<WorkOrderItem> _items = [];
    private readonly List<ChecklistItem> _checklist = [];
    private readonly List<Visit> _visits = [];
    private readonly List<WorkOrderHelper> _helpers = [];
    private readonly List<TechnicianChangeRequest> _changeRequests = [];
    private readonly List<FitProblem> _fitProblems = [];

    private WorkOrder() { }

    public WorkOrder(WorkOrderKind kind, int customerId, int siteId, int regionId, string description, DateTimeOffset receivedAt,
        int receivedById, WorkOrderPolicy policy)
        : this(kind, customerId, siteId, regionId, description, receivedAt, receivedById, policy.FirstContactWindow)
    {
        var position = 0;
        foreach (var code in policy.PreDepartureFor(kind)) _checklist.Add(new ChecklistItem(this, ChecklistPhase.PreDeparture, code, position++));
        foreach (var code in policy.Completion) _checklist.Add(new ChecklistItem(this, ChecklistPhase.Completion, code, position++));
        NeedsDayBeforeConfirmation = policy.NeedDayBeforeConfirmation.Contains(kind);
    }

    public WorkOrder(WorkOrderKind kind, int customerId, int siteId, int regionId, string description, DateTimeOffset receivedAt,
        int receivedById, TimeSpan firstContactWindow)
    {
        if (customerId <= 0) throw new DomainException("Required") { Field = nameof(CustomerId) };
        if (siteId <= 0) throw new DomainException("Required") { Field = nameof(SiteId) };
        if (string.IsNullOrWhiteSpace(description)) throw new DomainException("Required") { Field = nameof(Description) };
        if (firstContactWindow <= TimeSpan.Zero) throw new DomainException("PolicyValueInvalid", "firstContactWindow");
        Kind = kind;
        CustomerId = customerId;
        SiteId = siteId;
        RegionId = regionId;
        Description = description.Trim();
        ReceivedAt = receivedAt;
        ReceivedById = receivedById;
        FirstContactDueAt = receivedAt + firstContactWindow;
        State = WorkOrderState.New;
    }

    public string Number => $"WO{Id:000000}";
    public WorkOrderKind Kind { get; private set; }
    public WorkOrderState State { get; private set; }
    public int CustomerId { get; private set; }
    public int SiteId { get; private set; }
    public int RegionId { get; private set; }
    public int? TechnicianId { get; private set; }
    public string Description { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
    public int ReceivedById { get; private set; }

    /// <summary>When the technician must have called the customer (WO-2).</summary>
    public DateTimeOffset FirstContactDueAt { get; private set; }
    public DateTimeOffset? FirstContactAt { get; private set; }

    /// <summary>Who must be present on site (WO-3), as told to the customer.</summary>
    public RequiredPresence Required { get; private set; }

    public DateTimeOffset? AppointmentStart { get; private set; }
    public DateTimeOffset? AppointmentEnd { get; private set; }
    public DateTimeOffset? DepartedAt { get; private set; }
    public DateTimeOffset? ArrivedAt { get; private set; }
    public bool ArrivedLate { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>WO-5: the department the job waits for, the question, and the state to return to.</summary>
    public string? WaitingForDepartment { get; private set; }
    public string? WaitingQuestion { get; private set; }
    public WorkOrderState? StateBeforeWaiting { get; private set; }
    public string? DepartmentAnswer { get; private set; }
    public string? DepartmentConfirmedBy { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>SCH-3: the job is released for loading only once the customer confirmed, the day before, that the site is ready.</summary>
    public bool NeedsDayBeforeConfirmation { get; private set; }
    public DateTimeOffset? DayBeforeConfirmedAt { get; private set; }
    public string? DayBeforeConfirmedBy { get; private set; }

    public IReadOnlyCollection<ChecklistItem> Checklist => _checklist.AsReadOnly();
    public IReadOnlyCollection<Visit> Visits => _visits.AsReadOnly();
    public IReadOnlyCollection<WorkOrderHelper> Helpers => _helpers.AsReadOnly();
    public IReadOnlyCollection<TechnicianChangeRequest> ChangeRequests => _changeRequests.AsReadOnly();
    public IReadOnlyCollection<FitProblem> FitProblems => _fitProblems.AsReadOnly();

    /// <summary>The visit under way: departed and not yet checked out.</summary>
    public Visit? CurrentVisit => _visits.Where(v => !v.IsOver).MaxBy(v => v.Number);

    /// <summary>SCH-2: the last call ahead to the customer before leaving for the site.</summary>
    public DateTimeOffset? CalledAheadAt { get; private set; }

    /// <summary>VIS-2: when the customer was told the goods are on the way.</summary>
    public DateTimeOffset? GoodsOnTheWayAt { get; private set; }

    /// <summary>The job's technician or one of its helpers (WO-4): the people who work on it on site.</summary>
    public bool IsWorkedBy(int staffId) => TechnicianId == staffId || _helpers.Any(h => h.StaffId == staffId);

    /// <summary>WO-7/WO-8: what failed, as the technician names it ("油管破裂"); reworks are found by it.</summary>
    public string? Cause { get; private set; }
    public bool CauseUnclear { get; private set; }
    public decimal? EstimatedHours { get; private set; }
    public int? EstimatedPeople { get; private set; }
    public decimal? ActualHours { get; private set; }
    public int? ActualPeople { get; private set; }
    public RepairClass? RepairClass { get; private set; }
    public string? RepairClassOverrideReason { get; private set; }
    /// <summary>WO-8: the earlier repair this one redoes.</summary>
    public int? ReworkOfId { get; private set; }

    /// <summary>
    /// Records the cause and the labour of a repair and classifies it (WO-7): from the actual labour once known,
    /// else from the estimate. A class set by hand with a reason is kept.
    /// </summary>
    public void AssessRepair(string? cause, bool causeUnclear, Labour? estimated, Labour? actual, WorkOrderPolicy policy)
    {
        if (Kind is not (WorkOrderKind.Repair or WorkOrderKind.Rework)) throw new DomainException("OnlyRepairsAreClassified");
        if (!IsOpen) throw new IllegalTransitionException(nameof(AssessRepair), State);
        Cause = Guard.Optional(cause);
        CauseUnclear = causeUnclear;
        EstimatedHours = estimated?.Hours;
        EstimatedPeople = estimated?.People;
        ActualHours = actual?.Hours;
        ActualPeople = actual?.People;
        var basis = actual ?? estimated;
        if (RepairClassOverrideReason is null)
            RepairClass = basis is null ? null : RepairClassificationRule.Classify(basis, causeUnclear, policy);
    }

    /// <summary>WO-7: the classification may be overridden, never without a reason.</summary>
    public void OverrideRepairClass(RepairClass repairClass, string reason)
    {
        if (Kind is not (WorkOrderKind.Repair or WorkOrderKind.Rework)) throw new DomainException("OnlyRepairsAreClassified");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Required") { Field = "Reason" };
        RepairClass = repairClass;
        RepairClassOverrideReason = reason.Trim();
    }

    /// <summary>WO-8: links this repair to the earlier one it redoes, found by <see cref="ReworkRule"/>.</summary>
    public void MarkReworkOf(int earlierWorkOrderId)
    {
        if (earlierWorkOrderId == Id) throw new DomainException("ReworkOfItself");
        ReworkOfId = earlierWorkOrderId;
    }

    public IReadOnlyCollection<WorkOrderContact> Contacts => _contacts.AsReadOnly();
    public IReadOnlyCollection<WorkOrderItem> Items => _items.AsReadOnly();

    public bool IsOpen => State is not (WorkOrderState.Closed or WorkOrderState.Cancelled);

    /// <summary><see cref="IsOpen"/> as a query filter.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<WorkOrder, bool>> Open =
        w => w.State != WorkOrderState.Closed && w.State != WorkOrderState.Cancelled;

    public bool IsFirstContactOverdue(DateTimeOffset now) => FirstContactAt is null && IsOpen && now > FirstContactDueAt;

    public WorkOrderItem AddItem(int? productId, int? equipmentId, int quantity)
    {
        if (productId is null && equipmentId is null) throw new DomainException("ItemNeedsProductOrEquipment") { Field = "ProductId" };
        if (quantity <= 0) throw new DomainException("QuantityMustBePositive") { Field = "Quantity" };
        var item = new WorkOrderItem(this, productId, equipmentId, quantity);
        _items.Add(item);
        return item;
    }

    /// <summary>
    /// The job's technician. The first assignment is free; a change of technician needs an approved request (WO-4).
    /// </summary>
    public void AssignTechnician(int technicianId)
    {
        Require(nameof(AssignTechnician), WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled, WorkOrderState.WaitingForDepartment);
        if (TechnicianId is not null && TechnicianId != technicianId)
            throw new ConflictException("TechnicianChangeNeedsApproval");
        TechnicianId = technicianId;
    }

    /// <summary>SCH-4: the job's place in its technician's day, as the dispatcher accepted it (1 = first), and the planned start.</summary>
    public int? PlannedSequence { get; private set; }
    public DateTimeOffset? PlannedStart { get; private set; }

    /// <summary>SCH-4: a dispatcher's lock — the optimizer keeps the job with its technician.</summary>
    public bool DispatchLocked { get; private set; }

    /// <summary>
    /// SCH-4: the dispatcher places the job in a technician's day. The agreed window is not touched (SCH-2); the
    /// technician must already be the job's technician (<see cref="AssignTechnician"/> or an approved change first).
    /// </summary>
    public void PlanVisit(int sequence, DateTimeOffset plannedStart)
    {
        Require(nameof(PlanVisit), WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled, WorkOrderState.WaitingForDepartment);
        if (TechnicianId is null) throw new DomainException("NoTechnician");
        if (sequence < 1) throw new DomainException("Required") { Field = nameof(PlannedSequence) };
        PlannedSequence = sequence;
        PlannedStart = plannedStart;
    }

    /// <summary>SCH-4: takes the job off the technician's planned day (it goes back to the unplanned column).</summary>
    public void Unplan()
    {
        PlannedSequence = null;
        PlannedStart = null;
    }

    /// <summary>SCH-4: locks the job to its technician (the optimizer keeps it) or releases it. Only an assigned job can be locked.</summary>
    public void SetDispatchLock(bool locked)
    {
        if (locked && TechnicianId is null) throw new DomainException("NoTechnician");
        DispatchLocked = locked;
    }

    /// <summary>
    /// A call with the customer (WO-2, WO-3). The first call, whatever its outcome, meets the first-contact
    /// deadline; reaching the customer moves a new job to Contacted, and an agreed time schedules it.
    /// </summary>
    public WorkOrderContact RecordContact(DateTimeOffset at, int staffId, ContactOutcome outcome, string? constructionProgress,
        DateTimeOffset? agreedStart, DateTimeOffset? agreedEnd, RequiredPresence required, string? notes)
    {
        Require(nameof(RecordContact), WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled, WorkOrderState.WaitingForDepartment);
        if ((agreedStart is null) != (agreedEnd is null))
            throw new DomainException("WindowNeedsStartAndEnd") { Field = agreedStart is null ? "AgreedStart" : "AgreedEnd" };
        if (agreedStart is not null && outcome != ContactOutcome.Reached)
            throw new DomainException("AgreementNeedsReachedCustomer") { Field = "Outcome" };
        if (agreedStart >= agreedEnd) throw new DomainException("WindowEndsBeforeStart") { Field = "AgreedEnd" };

        var contact = new WorkOrderContact(this, at, staffId, outcome, constructionProgress, agreedStart, agreedEnd, required, notes,
            ContactPurpose.Arrangement);
        _contacts.Add(contact);
        FirstContactAt ??= at;
        if (outcome == ContactOutcome.Reached)
        {
            Required = required;
            if (State == WorkOrderState.New) State = WorkOrderState.Contacted;
            if (agreedStart is not null && State != WorkOrderState.WaitingForDepartment)
                Agree(nameof(RecordContact), agreedStart.Value, agreedEnd!.Value);
        }
        return contact;
    }

    /// <summary>
    /// Agrees the visit window (SCH-2). Changing an agreed window needs the customer's consent: the time is the
    /// customer's, not the technician's ("不要因为地址就近而随意更改服务时间").
    /// </summary>
    public void Schedule(DateTimeOffset start, DateTimeOffset end, bool customerConsented, DateTimeOffset at, int staffId)
    {
        Require(nameof(Schedule), WorkOrderState.Contacted, WorkOrderState.Scheduled);
        var moves = AppointmentStart is not null && (start != AppointmentStart || end != AppointmentEnd);
        if (moves && !customerConsented) throw new DomainException("RescheduleNeedsConsent") { Field = "CustomerConsented" };
        Agree(nameof(Schedule), start, end);
        // The consent is kept as a record of its own: who moved the agreed time, when, and to what.
        if (moves) _contacts.Add(new WorkOrderContact(this, at, staffId, ContactOutcome.Reached, null, start, end, Required, null, ContactPurpose.Reschedule));
    }

    private void Agree(string verb, DateTimeOffset start, DateTimeOffset end)
    {
        Require(verb, WorkOrderState.Contacted, WorkOrderState.Scheduled);
        if (end <= start) throw new DomainException("WindowEndsBeforeStart") { Field = "AppointmentEnd" };
        AppointmentStart = start;
        AppointmentEnd = end;
        State = WorkOrderState.Scheduled;
    }

    /// <summary>SCH-3: the customer confirmed someone is home and the site is ready; who confirmed is kept.</summary>
    public void ConfirmDayBefore(DateTimeOffset at, string confirmedBy)
    {
        Require(nameof(ConfirmDayBefore), WorkOrderState.Scheduled);
        if (string.IsNullOrWhiteSpace(confirmedBy)) throw new DomainException("Required") { Field = "ConfirmedBy" };
        DayBeforeConfirmedAt = at;
        DayBeforeConfirmedBy = confirmedBy.Trim();
    }

    /// <summary>Ticks or unticks one line of the checklist while the phase is still open.</summary>
    public void SetChecklistItem(int itemId, bool done, DateTimeOffset at, int staffId)
    {
        var item = _checklist.SingleOrDefault(i => i.Id == itemId) ?? throw new NotFoundException();
        if (item.Phase == ChecklistPhase.PreDeparture)
            Require(nameof(SetChecklistItem), WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled, WorkOrderState.WaitingForDepartment);
        else
            Require(nameof(SetChecklistItem), WorkOrderState.OnSite);
        if (done) item.Tick(at, staffId);
        else item.Untick();
    }

    /// <summary>
    /// SCH-2: the technician calls the customer before leaving for the address. Whatever the outcome, the call is
    /// logged; departure waits for one made recently enough.
    /// </summary>
    public WorkOrderContact CallAhead(DateTimeOffset at, int staffId, ContactOutcome outcome, string? notes)
    {
        Require(nameof(CallAhead), WorkOrderState.Scheduled);
        var contact = new WorkOrderContact(this, at, staffId, outcome, null, null, null, Required, notes, ContactPurpose.CallAhead);
        _contacts.Add(contact);
        CalledAheadAt = at;
        return contact;
    }

    /// <summary>VIS-2: the customer is told the goods are on the way (installations); the message itself goes through the outbox.</summary>
    public void NotifyGoodsOnTheWay(DateTimeOffset at)
    {
        if (Kind != WorkOrderKind.Installation) throw new DomainException("GoodsNoticeOnlyForInstallations");
        Require(nameof(NotifyGoodsOnTheWay), WorkOrderState.Scheduled, WorkOrderState.EnRoute);
        GoodsOnTheWayAt = at;
    }

    /// <summary>
    /// Leaves for the site: a new visit starts. Refused until the job is released (SCH-3), the pre-departure checklist
    /// is done (VIS-1) and the customer was called ahead (SCH-2).
    /// </summary>
    public Visit Depart(DateTimeOffset at, WorkOrderPolicy policy)
    {
        Require(nameof(Depart), WorkOrderState.Scheduled);
        if (TechnicianId is null) throw new DomainException("NoTechnician");
        if (NeedsDayBeforeConfirmation && DayBeforeConfirmedAt is null) throw new ConflictException("NotReleasedWithoutConfirmation");
        RequireChecklist(ChecklistPhase.PreDeparture, "ChecklistIncompleteBeforeDeparture");
        if (CalledAheadAt is not { } called || called < at - policy.CallAheadValidity || called > at)
            throw new ConflictException("CallAheadBeforeDeparture", policy.CallAheadValidHours);
        DepartedAt = at;
        State = WorkOrderState.EnRoute;
        var visit = new Visit(this, _visits.Count + 1, TechnicianId.Value, at);
        _visits.Add(visit);
        return visit;
    }

    /// <summary>
    /// Arrival on site with the phone's position (VIS-3); after the agreed window it is recorded as late (SCH-2).
    /// A phone that cannot tell its position still checks in: the missing position is itself on record.
    /// </summary>
    public void CheckIn(DateTimeOffset at, GeoPosition? position = null, (double Latitude, double Longitude)? site = null)
    {
        Require(nameof(CheckIn), WorkOrderState.EnRoute);
        ArrivedAt = at;
        ArrivedLate = AppointmentEnd is { } end && at > end;
        State = WorkOrderState.OnSite;
        VisitUnderWay(nameof(CheckIn)).CheckIn(at, position, site);
    }

    /// <summary>WO-3: who was actually on site.</summary>
    public void RecordPresent(RequiredPresence present, string? others)
    {
        Require(nameof(RecordPresent), WorkOrderState.OnSite, WorkOrderState.Completed);
        VisitUnderWay(nameof(RecordPresent)).RecordPresent(present, others);
    }

    /// <summary>VIS-4: a named dimension with a number and a unit, optionally for one product of the job.</summary>
    public Measurement AddMeasurement(string name, decimal value, MeasurementUnit unit, int? itemId, string? note, DateTimeOffset at, int staffId)
    {
        Require(nameof(AddMeasurement), WorkOrderState.OnSite);
        if (itemId is not null && _items.All(i => i.Id != itemId)) throw new DomainException("ItemNotOfWorkOrder") { Field = "ItemId" };
        return VisitUnderWay(nameof(AddMeasurement)).AddMeasurement(name, value, unit, itemId, note, at, staffId);
    }

    public void RemoveMeasurement(int measurementId)
    {
        Require(nameof(RemoveMeasurement), WorkOrderState.OnSite);
        VisitUnderWay(nameof(RemoveMeasurement)).RemoveMeasurement(measurementId);
    }

    /// <summary>
    /// VIS-5: one commissioning attempt of an installed product. A failure stays on record with what failed; the
    /// product counts as commissioned when its latest attempt passed.
    /// </summary>
    public CommissioningTest RecordCommissioningTest(int itemId, bool leakTestPassed, bool connectionTestPassed, string? notes,
        DateTimeOffset at, int staffId)
    {
        Require(nameof(RecordCommissioningTest), WorkOrderState.OnSite);
        var item = _items.SingleOrDefault(i => i.Id == itemId) ?? throw new DomainException("ItemNotOfWorkOrder") { Field = "ItemId" };
        var attempt = _visits.SelectMany(v => v.Tests).Count(t => t.WorkOrderItemId == itemId) + 1;
        return VisitUnderWay(nameof(RecordCommissioningTest)).AddTest(item, attempt, leakTestPassed, connectionTestPassed, notes, at, staffId);
    }

    /// <summary>The latest commissioning attempt of each product of the job (VIS-5).</summary>
    public IReadOnlyDictionary<int, CommissioningTest> LatestTests() =>
        _visits.SelectMany(v => v.Tests).GroupBy(t => t.WorkOrderItemId).ToDictionary(g => g.Key, g => g.MaxBy(t => t.Attempt)!);

    /// <summary>Installed products whose commissioning has not passed yet: never tested, or failed at the last attempt.</summary>
    public IReadOnlyList<WorkOrderItem> UncommissionedItems()
    {
        if (Kind != WorkOrderKind.Installation) return [];
        var latest = LatestTests();
        return _items.Where(i => i.ProductId is not null && !(latest.TryGetValue(i.Id, out var t) && t.Passed)).ToList();
    }

    public void Complete(DateTimeOffset at)
    {
        Require(nameof(Complete), WorkOrderState.OnSite);
        var uncommissioned = UncommissionedItems().Count;
        if (uncommissioned > 0) throw new ConflictException("CommissioningNotPassed", uncommissioned);
        RequireChecklist(ChecklistPhase.Completion, "ChecklistIncompleteBeforeCompletion");
        CompletedAt = at;
        State = WorkOrderState.Completed;
    }

    /// <summary>REC-5: the technician's contact details went to the customer (the message goes through the outbox).</summary>
    public void SendContactDetails(DateTimeOffset at)
    {
        Require(nameof(SendContactDetails), WorkOrderState.OnSite, WorkOrderState.Completed);
        VisitUnderWay(nameof(SendContactDetails)).MarkContactDetailsSent(at);
    }

    /// <summary>Leaves the site after completing the job (VIS-3); not before the customer has the technician's contact details (REC-5).</summary>
    public void CheckOut(DateTimeOffset at, GeoPosition? position = null)
    {
        Require(nameof(CheckOut), WorkOrderState.Completed, WorkOrderState.Signed, WorkOrderState.Closed);
        var visit = VisitUnderWay(nameof(CheckOut));
        if (visit.ContactDetailsSentAt is null) throw new ConflictException("ContactDetailsBeforeLeaving");
        visit.CheckOut(at, position, null);
    }

    /// <summary>
    /// Leaves the site with the job not done (parts missing, site not ready …): the visit ends with the reason and the
    /// job needs a new appointment, a new release and its pre-departure checklist again.
    /// </summary>
    public void LeaveUnfinished(DateTimeOffset at, GeoPosition? position, string reason)
    {
        Require(nameof(LeaveUnfinished), WorkOrderState.OnSite);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Required") { Field = "Reason" };
        var visit = VisitUnderWay(nameof(LeaveUnfinished));
        if (visit.ContactDetailsSentAt is null) throw new ConflictException("ContactDetailsBeforeLeaving");
        visit.CheckOut(at, position, reason.Trim());
        foreach (var item in _checklist) item.Untick();
        AppointmentStart = AppointmentEnd = null;
        DayBeforeConfirmedAt = null;
        DayBeforeConfirmedBy = null;
        CalledAheadAt = null;
        GoodsOnTheWayAt = null;
        State = WorkOrderState.Contacted;
    }

    /// <summary>WO-4: another specialist joins the job's visits.</summary>
    public WorkOrderHelper AddHelper(int staffId, DateTimeOffset at)
    {
        Require(nameof(AddHelper), WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled, WorkOrderState.EnRoute,
            WorkOrderState.OnSite, WorkOrderState.WaitingForDepartment);
        if (staffId == TechnicianId) throw new DomainException("HelperIsTheTechnician") { Field = "StaffId" };
        if (_helpers.Any(h => h.StaffId == staffId)) throw new DomainException("AlreadyHelping") { Field = "StaffId" };
        var helper = new WorkOrderHelper(this, staffId, at);
        _helpers.Add(helper);
        return helper;
    }

    public void RemoveHelper(int staffId)
    {
        var helper = _helpers.SingleOrDefault(h => h.StaffId == staffId) ?? throw new NotFoundException();
        _helpers.Remove(helper);
    }

    /// <summary>WO-4: asks to hand the job to another technician; nothing changes until a manager approves.</summary>
    public TechnicianChangeRequest RequestTechnicianChange(int toTechnicianId, string reason, bool forCustomer, int requestedById, DateTimeOffset at)
    {
        Require(nameof(RequestTechnicianChange), WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled,
            WorkOrderState.WaitingForDepartment);
        if (TechnicianId is null) throw new DomainException("NoTechnicianToChange");
        if (_changeRequests.Any(r => r.State == ChangeRequestState.Pending)) throw new ConflictException("ChangeRequestPending");
        var request = new TechnicianChangeRequest(this, TechnicianId.Value, toTechnicianId, reason, forCustomer, requestedById, at);
        _changeRequests.Add(request);
        return request;
    }

    /// <summary>WO-4: a manager approves (the job changes hands) or rejects (with a reason) a change of technician.</summary>
    public TechnicianChangeRequest DecideTechnicianChange(int requestId, bool approve, int managerId, DateTimeOffset at, string? note)
    {
        var request = _changeRequests.SingleOrDefault(r => r.Id == requestId) ?? throw new NotFoundException();
        if (approve)
            Require(nameof(DecideTechnicianChange), WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled,
                WorkOrderState.WaitingForDepartment);
        request.Decide(approve, managerId, at, note);
        if (approve)
        {
            TechnicianId = request.ToTechnicianId;
            _helpers.RemoveAll(h => h.StaffId == request.ToTechnicianId);
        }
        return request;
    }

    /// <summary>WO-6: the product does not fit the site; the store that sold it is told through the outbox.</summary>
    public FitProblem ReportFitProblem(int? itemId, string problem, string alternative, int staffId, DateTimeOffset at)
    {
        Require(nameof(ReportFitProblem), WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled, WorkOrderState.EnRoute,
            WorkOrderState.OnSite, WorkOrderState.WaitingForDepartment, WorkOrderState.Completed);
        if (itemId is not null && _items.All(i => i.Id != itemId)) throw new DomainException("ItemNotOfWorkOrder") { Field = "ItemId" };
        var fit = new FitProblem(this, itemId, problem, alternative, staffId, at);
        _fitProblems.Add(fit);
        return fit;
    }

    private Visit VisitUnderWay(string verb) => CurrentVisit ?? throw new IllegalTransitionException(verb, State);

    /// <summary>The service record of the visit was signed by the customer (REC-2).</summary>
    public void MarkSigned()
    {
        Require(nameof(MarkSigned), WorkOrderState.Completed);
        State = WorkOrderState.Signed;
    }

    public void Close()
    {
        Require(nameof(Close), WorkOrderState.Signed);
        State = WorkOrderState.Closed;
    }

    /// <summary>WO-5: the question goes to another department; nothing is promised until it confirms.</summary>
    public void WaitForDepartment(string department, string question)
    {
        Require(nameof(WaitForDepartment), WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled, WorkOrderState.OnSite);
        if (string.IsNullOrWhiteSpace(department)) throw new DomainException("Required") { Field = "Department" };
        if (string.IsNullOrWhiteSpace(question)) throw new DomainException("Required") { Field = "Question" };
        StateBeforeWaiting = State;
        WaitingForDepartment = department.Trim();
        WaitingQuestion = question.Trim();
        DepartmentAnswer = null;
        DepartmentConfirmedBy = null;
        State = WorkOrderState.WaitingForDepartment;
    }

    /// <summary>WO-5: the department answered; who confirmed and what is recorded, and the job goes on where it stopped.</summary>
    public void ConfirmByDepartment(string confirmedBy, string answer)
    {
        Require(nameof(ConfirmByDepartment), WorkOrderState.WaitingForDepartment);
        if (string.IsNullOrWhiteSpace(confirmedBy)) throw new DomainException("Required") { Field = "ConfirmedBy" };
        if (string.IsNullOrWhiteSpace(answer)) throw new DomainException("Required") { Field = "Answer" };
        DepartmentConfirmedBy = confirmedBy.Trim();
        DepartmentAnswer = answer.Trim();
        State = StateBeforeWaiting ?? WorkOrderState.New;
        StateBeforeWaiting = null;
    }

    public void Cancel(string reason)
    {
        Require(nameof(Cancel), WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled, WorkOrderState.WaitingForDepartment);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Required") { Field = "Reason" };
        CancelReason = reason.Trim();
        State = WorkOrderState.Cancelled;
    }

    /// <summary>Refuses with the count of open lines; the page lists which ones they are.</summary>
    private void RequireChecklist(ChecklistPhase phase, string code)
    {
        var open = _checklist.Count(i => i.Phase == phase && !i.IsDone);
        if (open > 0) throw new ConflictException(code, open);
    }

    private void Require(string verb, params WorkOrderState[] allowed)
    {
        if (!allowed.Contains(State)) throw new IllegalTransitionException(verb, State);
    }
}

/// <summary>A verb the job's current state does not allow: a 409 with the verb and the state in the user's language.</summary>
public sealed class IllegalTransitionException(string verb, WorkOrderState state)
    : ConflictException("IllegalTransition", new LocalizedArgument($"Verb.{verb}"), new LocalizedArgument($"State.{state}"))
{
    public string Verb { get; } = verb;
    public WorkOrderState State { get; } = state;
}
