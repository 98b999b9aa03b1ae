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

        var contact = new WorkOrderContact(this, at, staffId, outcome, constructionProgress, agreedStart, agreedEnd, required, notes);
        _contacts.Add(contact);
        FirstContactAt ??= at;
        if (outcome == ContactOutcome.Reached)
        {
            Required = required;
            if (State == WorkOrderState.New) State = WorkOrderState.Contacted;
            if (agreedStart is not null && State != WorkOrderState.WaitingForDepartment)
                Schedule(agreedStart.Value, agreedEnd!.Value, customerConsented: true);
        }
        return contact;
    }

    /// <summary>
    /// Agrees the visit window (SCH-2). Changing an agreed window needs the customer's consent: the time is the
    /// customer's, not the technician's ("不要因为地址就近而随意更改服务时间").
    /// </summary>
    public void Schedule(DateTimeOffset start, DateTimeOffset end, bool customerConsented)
    {
        Require(nameof(Schedule), WorkOrderState.Contacted, WorkOrderState.Scheduled);
        if (end <= start) throw new DomainException("WindowEndsBeforeStart") { Field = "AppointmentEnd" };
        if (AppointmentStart is not null && !customerConsented && (start != AppointmentStart || end != AppointmentEnd))
            throw new DomainException("RescheduleNeedsConsent") { Field = "CustomerConsented" };
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

    public void Depart(DateTimeOffset at)
    {
        Require(nameof(Depart), WorkOrderState.Scheduled);
        if (TechnicianId is null) throw new DomainException("NoTechnician");
        if (NeedsDayBeforeConfirmation && DayBeforeConfirmedAt is null) throw new ConflictException("NotReleasedWithoutConfirmation");
        RequireChecklist(ChecklistPhase.PreDeparture, "ChecklistIncompleteBeforeDeparture");
        DepartedAt = at;
        State = WorkOrderState.EnRoute;
    }

    /// <summary>Arrival on site; after the agreed window it is recorded as late (SCH-2).</summary>
    public void CheckIn(DateTimeOffset at)
    {
        Require(nameof(CheckIn), WorkOrderState.EnRoute);
        ArrivedAt = at;
        ArrivedLate = AppointmentEnd is { } end && at > end;
        State = WorkOrderState.OnSite;
    }

    public void Complete(DateTimeOffset at)
    {
        Require(nameof(Complete), WorkOrderState.OnSite);
        RequireChecklist(ChecklistPhase.Completion, "ChecklistIncompleteBeforeCompletion");
        CompletedAt = at;
        State = WorkOrderState.Completed;
    }

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
