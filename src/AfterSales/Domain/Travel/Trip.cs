namespace AfterSales.Domain.Travel;

/// <summary>
/// Where a trip's claim stands. Planned → Underway (departed) → Returned (closed with the actual times and the per
/// diem) → Submitted → ManagerApproved → FinanceApproved; a submitted or manager-approved claim may be Rejected with a
/// reason, corrected and submitted again.
/// </summary>
public enum TripState { Planned, Underway, Returned, Submitted, ManagerApproved, FinanceApproved, Rejected }

/// <summary>TRV-3: how the technician reported back on the return day.</summary>
public enum ReturnContact
{
    /// <summary>Reported in person at the company before the end of work.</summary>
    ReportedAtCompany,
    /// <summary>Arrived after the end of work and phoned the manager.</summary>
    PhonedManager,
}

/// <summary>
/// A trip (出差, TRV-1…TRV-4) of one technician or manager away from the home station for the work orders it serves:
/// planned and actual departure and return, tickets, special expenses and the per diem computed when it is closed by
/// the policy in force at departure. The claim (tickets + per diem + expenses) is approved by the manager, then finance.
/// </summary>
public class Trip : Entity
{
    public const int MaxTickets = 40;
    public const int MaxExpenses = 40;

    private readonly List<TripTicket> _tickets = [];
    private readonly List<TripExpense> _expenses = [];
    private readonly List<TripDay> _days = [];
    private readonly List<TripWorkOrder> _workOrders = [];

    private Trip() { }

    public Trip(int travellerId, int regionId, TripPlan plan, DateTimeOffset createdAt, int createdById)
    {
        if (travellerId <= 0) throw new DomainException("Required") { Field = nameof(TravellerId) };
        TravellerId = travellerId;
        RegionId = regionId;
        CreatedAt = createdAt;
        CreatedById = createdById;
        State = TripState.Planned;
        Apply(plan);
    }

    public int TravellerId { get; private set; }
    public int RegionId { get; private set; }
    public string Destination { get; private set; } = "";
    public string Purpose { get; private set; } = "";
    public string HomeStation { get; private set; } = "";
    public DateTimeOffset PlannedDepartAt { get; private set; }
    public DateTimeOffset PlannedReturnAt { get; private set; }
    public DateTimeOffset? DepartedAt { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }
    public TripState State { get; private set; }
    public ReturnContact? ReturnContact { get; private set; }
    public DateTimeOffset? ReturnContactAt { get; private set; }

    /// <summary>The per diem fixed when the trip was closed, and the policy version that produced it (POL-1).</summary>
    public decimal? PerDiemTotal { get; private set; }
    public string? PerDiemPolicyVersion { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public int CreatedById { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public int? ManagerApprovedById { get; private set; }
    public DateTimeOffset? ManagerApprovedAt { get; private set; }
    public int? FinanceApprovedById { get; private set; }
    public DateTimeOffset? FinanceApprovedAt { get; private set; }
    public int? RejectedById { get; private set; }
    public DateTimeOffset? RejectedAt { get; private set; }
    public string? RejectReason { get; private set; }

    public IReadOnlyCollection<TripTicket> Tickets => _tickets.AsReadOnly();
    public IReadOnlyCollection<TripExpense> Expenses => _expenses.AsReadOnly();
    public IReadOnlyCollection<TripDay> Days => _days.AsReadOnly();
    public IReadOnlyCollection<TripWorkOrder> WorkOrders => _workOrders.AsReadOnly();

    /// <summary>Tickets, expenses and the plan may change until the claim is submitted, and again after a rejection.</summary>
    public bool IsEditable => State is TripState.Planned or TripState.Underway or TripState.Returned or TripState.Rejected;

    public decimal TicketsTotal => _tickets.Sum(t => t.Amount);

    /// <summary>Expenses as reimbursed: a part found false is not paid.</summary>
    public decimal ExpensesTotal => _expenses.Sum(e => e.Reimbursed);

    public void EditPlan(TripPlan plan)
    {
        if (State != TripState.Planned) throw new ConflictException("TripNotPlanned");
        Apply(plan);
    }

    public void Depart(DateTimeOffset at)
    {
        if (State != TripState.Planned) throw new ConflictException("TripNotPlanned");
        DepartedAt = at;
        State = TripState.Underway;
    }

    /// <summary>
    /// Closes the trip on return: the actual times, how the technician reported back (TRV-3) and the per diem, computed by
    /// the caller with the policy in force at <paramref name="departedAt"/> (TRV-2) and fixed from then on.
    /// </summary>
    public void Close(DateTimeOffset departedAt, DateTimeOffset returnedAt, ReturnContact? contact, DateTimeOffset? contactAt,
        PerDiemResult perDiem, string policyVersion)
    {
        if (State is not (TripState.Planned or TripState.Underway)) throw new ConflictException("TripAlreadyClosed");
        if (returnedAt < departedAt) throw new DomainException("TripReturnBeforeDeparture") { Field = nameof(ReturnedAt) };
        if (contact is not { } kind || !Enum.IsDefined(kind)) throw new DomainException("Required") { Field = nameof(ReturnContact) };
        if (contactAt is not { } when) throw new DomainException("Required") { Field = nameof(ReturnContactAt) };
        if (when < returnedAt.AddHours(-12) || when > returnedAt.AddHours(24))
            throw new DomainException("TripContactTimeOutOfRange") { Field = nameof(ReturnContactAt) };
        DepartedAt = departedAt;
        ReturnedAt = returnedAt;
        ReturnContact = kind;
        ReturnContactAt = when;
        PerDiemTotal = perDiem.Total;
        PerDiemPolicyVersion = policyVersion;
        _days.Clear();
        _days.AddRange(perDiem.Days.Select(d => new TripDay(this, d.Date, d.Amount, d.Reason)));
        State = TripState.Returned;
    }

    public TripTicket AddTicket(TicketInput input)
    {
        EnsureEditable();
        if (_tickets.Count >= MaxTickets) throw new DomainException("TripTooManyItems", MaxTickets);
        var ticket = new TripTicket(this, input);
        _tickets.Add(ticket);
        return ticket;
    }

    public void RemoveTicket(int ticketId)
    {
        EnsureEditable();
        _tickets.Remove(_tickets.SingleOrDefault(t => t.Id == ticketId) ?? throw new NotFoundException());
    }

    public TripExpense AddExpense(ExpenseInput input)
    {
        EnsureEditable();
        if (_expenses.Count >= MaxExpenses) throw new DomainException("TripTooManyItems", MaxExpenses);
        var expense = new TripExpense(this, input);
        _expenses.Add(expense);
        return expense;
    }

    public void RemoveExpense(int expenseId)
    {
        EnsureEditable();
        _expenses.Remove(_expenses.SingleOrDefault(e => e.Id == expenseId) ?? throw new NotFoundException());
    }

    /// <summary>The traveller submits the claim once the trip is closed.</summary>
    public void Submit(DateTimeOffset at)
    {
        if (State is not (TripState.Returned or TripState.Rejected))
            throw new ConflictException(State is TripState.Planned or TripState.Underway ? "TripNotClosed" : "TripAlreadySubmitted");
        SubmittedAt = at;
        RejectedAt = null;
        RejectedById = null;
        RejectReason = null;
        State = TripState.Submitted;
    }

    public void ApproveAsManager(int byId, DateTimeOffset at)
    {
        if (State != TripState.Submitted) throw new ConflictException("TripNotAwaitingManager");
        if (byId == TravellerId) throw new ForbiddenException("TripOwnApproval");
        ManagerApprovedById = byId;
        ManagerApprovedAt = at;
        State = TripState.ManagerApproved;
    }

    public void ApproveAsFinance(int byId, DateTimeOffset at)
    {
        if (State != TripState.ManagerApproved) throw new ConflictException("TripNotAwaitingFinance");
        if (byId == TravellerId) throw new ForbiddenException("TripOwnApproval");
        FinanceApprovedById = byId;
        FinanceApprovedAt = at;
        State = TripState.FinanceApproved;
    }

    public void Reject(string? reason, int byId, DateTimeOffset at)
    {
        if (State is not (TripState.Submitted or TripState.ManagerApproved)) throw new ConflictException("TripNotAwaitingApproval");
        var text = Guard.Required(reason, nameof(RejectReason));
        if (text.Length > 500) throw new DomainException("TextTooLong", 500) { Field = nameof(RejectReason) };
        RejectReason = text;
        RejectedById = byId;
        RejectedAt = at;
        ManagerApprovedById = null;
        ManagerApprovedAt = null;
        State = TripState.Rejected;
    }

    /// <summary>
    /// An expense found false or inflated (ASM-7) on a submitted claim: the false part is not reimbursed and becomes an
    /// incident; the caller raises it and records its id with <see cref="TripExpense.LinkIncident"/>.
    /// </summary>
    public TripExpense MarkExpenseFalse(int expenseId, decimal falseAmount, string? note, int byId, DateTimeOffset at)
    {
        if (State is not (TripState.Submitted or TripState.ManagerApproved or TripState.FinanceApproved))
            throw new ConflictException("TripNotSubmitted");
        var expense = _expenses.SingleOrDefault(e => e.Id == expenseId) ?? throw new NotFoundException();
        expense.MarkFalse(falseAmount, note, byId, at);
        return expense;
    }

    private void EnsureEditable()
    {
        if (!IsEditable) throw new ConflictException("TripNotEditable");
    }

    private void Apply(TripPlan plan)
    {
        Destination = Text(plan.Destination, nameof(Destination), 100);
        Purpose = Text(plan.Purpose, nameof(Purpose), 500);
        HomeStation = Text(plan.HomeStation, nameof(HomeStation), 50);
        if (plan.PlannedReturnAt < plan.PlannedDepartAt) throw new DomainException("TripReturnBeforeDeparture") { Field = nameof(PlannedReturnAt) };
        if ((plan.PlannedReturnAt - plan.PlannedDepartAt).TotalDays > PerDiem.MaxDays) throw new DomainException("TripTooLong", PerDiem.MaxDays) { Field = nameof(PlannedReturnAt) };
        PlannedDepartAt = plan.PlannedDepartAt;
        PlannedReturnAt = plan.PlannedReturnAt;
        var ids = plan.WorkOrderIds.Distinct().ToList();
        _workOrders.RemoveAll(w => !ids.Contains(w.WorkOrderId));
        foreach (var id in ids.Where(id => _workOrders.All(w => w.WorkOrderId != id))) _workOrders.Add(new TripWorkOrder(this, id));
    }

    internal static string Text(string? value, string field, int max)
    {
        var text = Guard.Required(value, field);
        return text.Length > max ? throw new DomainException("TextTooLong", max) { Field = field } : text;
    }

    internal static decimal Money(decimal? amount, string field)
    {
        if (amount is not { } value) throw new DomainException("Required") { Field = field };
        if (value <= 0) throw new DomainException("TripAmountNotPositive") { Field = field };
        if (value > 1_000_000) throw new DomainException("AmountTooLarge") { Field = field };
        if (decimal.Round(value, 2) != value) throw new DomainException("AmountHasTooManyDecimals") { Field = field };
        return value;
    }
}

/// <summary>What a trip is planned to be; the work orders it serves are ids the caller has checked the traveller may see.</summary>
public sealed record TripPlan(string? Destination, string? Purpose, string? HomeStation, DateTimeOffset PlannedDepartAt,
    DateTimeOffset PlannedReturnAt, IReadOnlyList<int> WorkOrderIds);

public class TripWorkOrder
{
    private TripWorkOrder() { }

    internal TripWorkOrder(Trip trip, int workOrderId)
    {
        Trip = trip;
        WorkOrderId = workOrderId;
    }

    public int TripId { get; private set; }
    public Trip Trip { get; private set; } = null!;
    public int WorkOrderId { get; private set; }
}

/// <summary>One day of a closed trip's per diem with its reason (TRV-2).</summary>
public class TripDay
{
    private TripDay() { }

    internal TripDay(Trip trip, DateOnly date, decimal amount, PerDiemReason reason)
    {
        Trip = trip;
        Date = date;
        Amount = amount;
        Reason = reason;
    }

    public int Id { get; private set; }
    public int TripId { get; private set; }
    public Trip Trip { get; private set; } = null!;
    public DateOnly Date { get; private set; }
    public decimal Amount { get; private set; }
    public PerDiemReason Reason { get; private set; }
}
