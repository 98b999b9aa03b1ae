using System.Globalization;
using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.Travel;
using AfterSales.Features.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Trips;

/// <summary>
/// Trips, tickets, per diem and special expenses (TRV-1…TRV-4, ASM-7), shared by the pages and the API so both apply
/// the same rules. A trip outside the caller's scope is a 404; one they may read but not change is a 403; a step out of
/// order (finance before the manager …) is a 409.
/// </summary>
public sealed class TripService(AppDbContext db, IAuthorizationService authorization, IHttpContextAccessor http, TimeProvider clock,
    LocalTime time, PolicyBook policies, IncidentService incidents, IStringLocalizer<TripsText> text)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user.");
    private AccessScope Scope => AccessScope.From(User);

    public static string NumberOf(int id) => $"TR{id:000000}";

    public async Task<Paged<TripSummaryDto>> ListAsync(TripFilter filter, int page, int pageSize = Paged<TripSummaryDto>.DefaultPageSize)
    {
        var scope = Scope;
        var trips = db.Trips(scope).AsNoTracking();
        if (filter.Awaiting == true)
        {
            // What waits for the caller: the manager's step in their region, or finance's.
            if (TripsAccess.IsFinance(scope)) trips = trips.Where(t => t.State == TripState.ManagerApproved);
            else if (TripsAccess.IsManagerApprover(scope)) trips = trips.Where(t => t.State == TripState.Submitted && t.TravellerId != scope.StaffId);
            else trips = trips.Where(t => false);
        }
        if (filter.State is { } state) trips = trips.Where(t => t.State == state);
        if (filter.TravellerId is { } traveller) trips = trips.Where(t => t.TravellerId == traveller);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            var number = q.StartsWith("TR", StringComparison.OrdinalIgnoreCase) && int.TryParse(q[2..], out var n) ? n : (int?)null;
            trips = trips.Where(t => t.Id == number || t.Destination.Contains(q) || t.Purpose.Contains(q)
                || db.Staff.Any(s => s.Id == t.TravellerId && s.Name.Contains(q)));
        }
        var rows = trips.OrderByDescending(t => t.PlannedDepartAt).ThenByDescending(t => t.Id).Select(t => new TripSummaryDto(t.Id, "",
            t.TravellerId, db.Staff.Where(s => s.Id == t.TravellerId).Select(s => s.Name).First(),
            db.Regions.Where(r => r.Id == t.RegionId).Select(r => r.Name).First(), t.Destination, t.PlannedDepartAt, t.PlannedReturnAt,
            t.DepartedAt, t.ReturnedAt, t.State));
        var paged = await Paged<TripSummaryDto>.FromAsync(rows, page, pageSize);
        return paged with { Items = [.. paged.Items.Select(t => t with { Number = NumberOf(t.Id) })] };
    }

    public async Task<TripDto> GetAsync(int id)
    {
        // The trip without its tickets' and expenses' photos: those are read one by one when looked at.
        var trip = await LoadAsync(id, edit: false, withItems: false);
        var ticketRows = await db.TripTickets.AsNoTracking().Where(t => t.TripId == id).OrderBy(t => t.TravelOn).ThenBy(t => t.Id)
            .Select(t => new TicketDto(t.Id, t.Kind, t.Amount, t.TravelOn, t.BoardingPlace, t.ArrivalPlace, t.Photo != null)).ToListAsync();
        var expenseRows = await db.TripExpenses.AsNoTracking().Where(e => e.TripId == id).OrderBy(e => e.SpentOn).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Description, e.Amount, e.SpentOn, e.FalseAmount, e.FalseNote, e.IncidentId }).ToListAsync();
        var scope = Scope;
        var names = await db.Staff.AsNoTracking()
            .Where(s => s.Id == trip.TravellerId || s.Id == trip.ManagerApprovedById || s.Id == trip.FinanceApprovedById || s.Id == trip.RejectedById)
            .ToDictionaryAsync(s => s.Id, s => s.Name);
        string? Name(int? staffId) => staffId is { } s ? names.GetValueOrDefault(s) : null;
        var region = await db.Regions.AsNoTracking().Where(r => r.Id == trip.RegionId).Select(r => r.Name).SingleAsync();
        var orderIds = trip.WorkOrders.Select(w => w.WorkOrderId).ToList();
        var orders = await db.WorkOrders.AsNoTracking().Where(w => orderIds.Contains(w.Id))
            .Select(w => new { w.Id, Customer = db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First() }).ToListAsync();

        var departed = trip.DepartedAt ?? trip.PlannedDepartAt;
        // Until it is closed, a trip that left after its planned return (the plan slipped, or it is entered afterwards) keeps
        // its planned length in the estimate: the planned return alone would fall before the departure.
        var returned = trip.ReturnedAt
            ?? (trip.PlannedReturnAt < departed ? departed + (trip.PlannedReturnAt - trip.PlannedDepartAt) : trip.PlannedReturnAt);
        var inForce = await PolicyAtAsync(departed);
        var travel = inForce.Document.Travel;
        IReadOnlyList<PerDiemDayDto> days;
        decimal perDiem;
        string policyVersion;
        if (trip.PerDiemTotal is { } fixedTotal)
        {
            (perDiem, policyVersion) = (fixedTotal, trip.PerDiemPolicyVersion ?? inForce.Version);
            days = [.. trip.Days.OrderBy(d => d.Date).Select(d => Day(d.Date, d.Amount, d.Reason, departed, returned, travel))];
        }
        else
        {
            // Before the trip is closed: the estimate from the plan (or the actual departure), by the policy in force then.
            var estimate = PerDiem.Compute(time.ToLocal(departed).DateTime, time.ToLocal(returned).DateTime, travel);
            (perDiem, policyVersion) = (estimate.Total, inForce.Version);
            days = [.. estimate.Days.Select(d => Day(d.Date, d.Amount, d.Reason, departed, returned, travel))];
        }

        var contactDays = await ContactDaysAsync(trip.TravellerId, departed, returned);
        bool? asRequired = trip.ReturnContact is { } contact && trip.ReturnedAt is { } back && trip.ReturnContactAt is { } at
            ? ReturnContactAsRequired(contact, time.ToLocal(back).DateTime, time.ToLocal(at).DateTime, travel.EndOfWork())
            : null;
        var tickets = ticketRows.Sum(t => t.Amount);
        var expenses = expenseRows.Sum(e => e.Amount - (e.FalseAmount ?? 0));
        return new TripDto(trip.Id, NumberOf(trip.Id), trip.Version, trip.TravellerId, Name(trip.TravellerId)!, trip.RegionId, region,
            trip.Destination, trip.Purpose, trip.HomeStation, trip.PlannedDepartAt, trip.PlannedReturnAt, trip.DepartedAt, trip.ReturnedAt,
            trip.State, trip.ReturnContact, trip.ReturnContactAt, asRequired, policyVersion, trip.PerDiemTotal is not null, perDiem, days,
            contactDays,
            ticketRows,
            [.. expenseRows.Select(e => new ExpenseDto(e.Id, e.Description, e.Amount, e.SpentOn, e.FalseAmount, e.FalseNote, e.IncidentId, e.Amount - (e.FalseAmount ?? 0)))],
            [.. orders.OrderBy(o => o.Id).Select(o => new LinkedWorkOrderDto(o.Id, $"WO{o.Id:000000}", o.Customer))],
            tickets, expenses, tickets + perDiem + expenses, trip.SubmittedAt, Name(trip.ManagerApprovedById), trip.ManagerApprovedAt,
            Name(trip.FinanceApprovedById), trip.FinanceApprovedAt, Name(trip.RejectedById), trip.RejectedAt, trip.RejectReason,
            TripsAccess.MayEdit(scope, trip) && trip.IsEditable,
            trip.State == TripState.Submitted && TripsAccess.MayApproveAsManager(scope, trip),
            trip.State == TripState.ManagerApproved && TripsAccess.MayApproveAsFinance(scope, trip),
            trip.State is TripState.Submitted or TripState.ManagerApproved or TripState.FinanceApproved && TripsAccess.MayMarkFalse(scope, trip));
    }

    /// <summary>TRV-3: arriving before the end of work, the report is made at the company before it; arriving after, by phone.</summary>
    public static bool ReturnContactAsRequired(ReturnContact contact, DateTime returnedLocal, DateTime contactLocal, TimeOnly endOfWork)
    {
        var end = DateOnly.FromDateTime(returnedLocal).ToDateTime(endOfWork);
        return returnedLocal < end
            ? contact == ReturnContact.ReportedAtCompany && contactLocal <= end
            : contact == ReturnContact.PhonedManager;
    }

    /// <summary>The days away before the return day, up to today, each with the traveller's daily report of that local day if any.</summary>
    private async Task<List<ContactDayDto>> ContactDaysAsync(int travellerId, DateTimeOffset departed, DateTimeOffset returned)
    {
        var first = DateOnly.FromDateTime(time.ToLocal(departed).DateTime);
        var last = DateOnly.FromDateTime(time.ToLocal(returned).DateTime);
        if (last <= first) return [];
        var reports = await db.DailyReports.AsNoTracking()
            .Where(r => r.TechnicianId == travellerId && r.Day >= first && r.Day < last)
            .Select(r => new { Day = r.Day!.Value, r.ReceivedAt }).ToListAsync();
        var result = new List<ContactDayDto>();
        // Days still to come are not missing yet.
        for (var day = first; day < last && day <= time.Today; day = day.AddDays(1))
        {
            var report = reports.Where(r => r.Day == day).OrderBy(r => r.ReceivedAt).FirstOrDefault();
            result.Add(new ContactDayDto(day, report is not null, report?.ReceivedAt));
        }
        return result;
    }

    private PerDiemDayDto Day(DateOnly date, decimal amount, PerDiemReason reason, DateTimeOffset departed, DateTimeOffset returned, TravelPolicy travel) =>
        new(date, amount, reason, ReasonText(text, reason, time.ToLocal(departed).DateTime, time.ToLocal(returned).DateTime, travel));

    public static string ReasonText(IStringLocalizer<TripsText> text, PerDiemReason reason, DateTime departLocal, DateTime returnLocal, TravelPolicy travel)
    {
        static string Clock(DateTime t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
        var cutoff = travel.Cutoff().ToString("HH:mm", CultureInfo.InvariantCulture);
        return reason switch
        {
            PerDiemReason.EarlyDeparture => text["Reason.EarlyDeparture", Clock(departLocal), cutoff, Money(travel.FullDay)],
            PerDiemReason.LateDeparture => text["Reason.LateDeparture", Clock(departLocal), cutoff, Money(travel.LateDeparture)],
            PerDiemReason.FullDay => text["Reason.FullDay", Money(travel.FullDay)],
            PerDiemReason.ReturnDay => text["Reason.ReturnDay", Clock(returnLocal), Money(travel.ReturnDay)],
            _ => text["Reason.SameDay"],
        };
    }

    private static string Money(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A preview of the per diem of any two instants by the policy in force at departure (the new-trip page and the API).</summary>
    public async Task<AllowanceDto> AllowanceAsync(DateTimeOffset depart, DateTimeOffset @return)
    {
        var inForce = await PolicyAtAsync(depart);
        var result = PerDiem.Compute(time.ToLocal(depart).DateTime, time.ToLocal(@return).DateTime, inForce.Document.Travel);
        return new AllowanceDto(result.Total, inForce.Version, [.. result.Days.Select(d => Day(d.Date, d.Amount, d.Reason, depart, @return, inForce.Document.Travel))]);
    }

    /// <summary>The travel section of the policy in force at an instant (the closing form shows its end of work).</summary>
    public async Task<TravelPolicy> TravelPolicyAtAsync(DateTimeOffset at) => (await PolicyAtAsync(at)).Document.Travel;

    private async Task<PolicyInForce> PolicyAtAsync(DateTimeOffset at) => (await policies.ResolverAsync())(at);

    /// <summary>The home station a new trip of the caller starts from: the policy's, else their region's city.</summary>
    public async Task<string> DefaultHomeStationAsync()
    {
        var scope = Scope;
        var policy = (await PolicyAtAsync(clock.GetUtcNow())).Document.Travel;
        if (!string.IsNullOrWhiteSpace(policy.HomeStation)) return policy.HomeStation.Trim();
        return await db.Regions.AsNoTracking().Where(r => r.Id == scope.RegionId).Select(r => r.City).FirstOrDefaultAsync() ?? "";
    }

    /// <summary>The caller's work orders not yet closed or cancelled: what a new trip may serve.</summary>
    public async Task<List<LinkedWorkOrderDto>> OpenWorkOrdersAsync()
    {
        var scope = Scope;
        var orders = db.WorkOrders(scope).AsNoTracking()
            .Where(w => w.State != Domain.WorkOrders.WorkOrderState.Closed && w.State != Domain.WorkOrders.WorkOrderState.Cancelled);
        if (!scope.SeesOnlyOwnWork) orders = orders.Where(w => w.TechnicianId == scope.StaffId || w.RegionId == scope.RegionId);
        var rows = await orders.OrderByDescending(w => w.Id).Take(100)
            .Select(w => new { w.Id, Customer = db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First() }).ToListAsync();
        return [.. rows.Select(o => new LinkedWorkOrderDto(o.Id, $"WO{o.Id:000000}", o.Customer))];
    }

    /// <summary>The caller opens a trip of their own (a technician or a manager).</summary>
    public async Task<int> CreateAsync(TripInput input)
    {
        var scope = Scope;
        var traveller = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scope.StaffId);
        if (traveller?.RegionId is not { } regionId) throw new DomainException("TripTravellerNotFound");
        var plan = await PlanAsync(input);
        var trip = new Trip(traveller.Id, regionId, plan, clock.GetUtcNow(), scope.StaffId);
        db.Trips.Add(trip);
        await db.SaveChangesAsync();
        return trip.Id;
    }

    public async Task EditAsync(int id, TripInput input)
    {
        var trip = await LoadAsync(id, edit: true);
        db.ExpectVersion(trip, input.Version);
        trip.EditPlan(await PlanAsync(input));
        await db.SaveChangesAsync();
    }

    private async Task<TripPlan> PlanAsync(TripInput input)
    {
        var ids = (input.WorkOrderIds ?? []).Distinct().ToList();
        var orders = await db.WorkOrders.Include(w => w.Helpers).Where(w => ids.Contains(w.Id)).ToListAsync();
        foreach (var id in ids)
        {
            var order = orders.SingleOrDefault(o => o.Id == id);
            if (order is null || !(await authorization.AuthorizeAsync(User, order, Operations.Read)).Succeeded)
                throw new DomainException("TripWorkOrderNotFound", $"WO{id:000000}") { Field = "WorkOrderIds" };
        }
        var depart = input.PlannedDepartAt ?? throw new DomainException("Required") { Field = "PlannedDepartAt" };
        var back = input.PlannedReturnAt ?? throw new DomainException("Required") { Field = "PlannedReturnAt" };
        var home = string.IsNullOrWhiteSpace(input.HomeStation) ? await DefaultHomeStationAsync() : input.HomeStation;
        return new TripPlan(input.Destination, input.Purpose, home, depart, back, ids);
    }

    public Task DepartAsync(int id, DepartInput input) => ChangeAsync(id, input.Version, trip =>
        trip.Depart(input.DepartedAt ?? clock.GetUtcNow()));

    /// <summary>Closes the trip on return: per diem by the policy in force at the actual departure, fixed from then on (TRV-2).</summary>
    public async Task CloseAsync(int id, CloseInput input)
    {
        var trip = await LoadAsync(id, edit: true);
        db.ExpectVersion(trip, input.Version);
        var departed = input.DepartedAt ?? trip.DepartedAt ?? throw new DomainException("Required") { Field = "DepartedAt" };
        var returned = input.ReturnedAt ?? throw new DomainException("Required") { Field = "ReturnedAt" };
        if (returned > clock.GetUtcNow().AddMinutes(5)) throw new DomainException("TripReturnInFuture") { Field = "ReturnedAt" };
        var inForce = await PolicyAtAsync(departed);
        var perDiem = PerDiem.Compute(time.ToLocal(departed).DateTime, time.ToLocal(returned).DateTime, inForce.Document.Travel);
        trip.Close(departed, returned, input.ReturnContact, input.ReturnContactAt, perDiem, inForce.Version);
        await db.SaveChangesAsync();
    }

    public async Task<int> AddTicketAsync(int id, TicketInput input)
    {
        var trip = await LoadAsync(id, edit: true);
        var ticket = trip.AddTicket(input);
        await db.SaveChangesAsync();
        return ticket.Id;
    }

    public Task RemoveTicketAsync(int id, int ticketId) => ChangeAsync(id, null, trip => trip.RemoveTicket(ticketId));

    public async Task<int> AddExpenseAsync(int id, ExpenseInput input)
    {
        var trip = await LoadAsync(id, edit: true);
        var expense = trip.AddExpense(input);
        await db.SaveChangesAsync();
        return expense.Id;
    }

    public Task RemoveExpenseAsync(int id, int expenseId) => ChangeAsync(id, null, trip => trip.RemoveExpense(expenseId));

    public Task SubmitAsync(int id, VersionInput input) => ChangeAsync(id, input.Version, trip => trip.Submit(clock.GetUtcNow()));

    public async Task ApproveAsync(int id, VersionInput input)
    {
        var scope = Scope;
        var trip = await LoadAsync(id, edit: false);
        db.ExpectVersion(trip, input.Version);
        if (TripsAccess.IsFinance(scope))
        {
            if (!TripsAccess.MayApproveAsFinance(scope, trip)) throw new ForbiddenException("TripNotAllowed");
            trip.ApproveAsFinance(scope.StaffId, clock.GetUtcNow());
        }
        else
        {
            if (!TripsAccess.MayApproveAsManager(scope, trip)) throw new ForbiddenException(trip.TravellerId == scope.StaffId ? "TripOwnApproval" : "TripNotAllowed");
            trip.ApproveAsManager(scope.StaffId, clock.GetUtcNow());
        }
        await db.SaveChangesAsync();
    }

    public async Task RejectAsync(int id, RejectInput input)
    {
        var scope = Scope;
        var trip = await LoadAsync(id, edit: false);
        db.ExpectVersion(trip, input.Version);
        var allowed = trip.State == TripState.ManagerApproved ? TripsAccess.MayApproveAsFinance(scope, trip) : TripsAccess.MayApproveAsManager(scope, trip);
        if (!allowed) throw new ForbiddenException("TripNotAllowed");
        trip.Reject(input.Reason, scope.StaffId, clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// ASM-7: a special expense found false or inflated is marked with the false amount and becomes an
    /// <c>expense_false_claim</c> incident of the traveller through the assessment engine, in the same transaction.
    /// </summary>
    public async Task<int> MarkFalseAsync(int id, int expenseId, FalseClaimInput input)
    {
        var scope = Scope;
        var trip = await LoadAsync(id, edit: false);
        if (!TripsAccess.MayMarkFalse(scope, trip)) throw new ForbiddenException("TripNotAllowed");
        var now = clock.GetUtcNow();
        var expense = trip.MarkExpenseFalse(expenseId, input.FalseAmount ?? throw new DomainException("Required") { Field = "FalseAmount" },
            input.Note, scope.StaffId, now);
        var incident = await incidents.AddAsync(new IncidentDraft
        {
            PersonId = trip.TravellerId, RegionId = trip.RegionId, Kind = "expense_false_claim", Source = "trips", At = now,
            Amount = expense.FalseAmount,
            Description = CompanyText("FalseClaim.Description", NumberOf(trip.Id), expense.Description, Money(expense.Amount),
                Money(expense.FalseAmount!.Value), expense.FalseNote!),
        }, scope.StaffId);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await db.SaveChangesAsync();
        expense.LinkIncident(incident.Id);
        await db.SaveChangesAsync();
        if (transaction is not null) await transaction.CommitAsync();
        return incident.Id;
    }

    private string CompanyText(string key, params object[] args)
    {
        var ui = CultureInfo.CurrentUICulture;
        var current = CultureInfo.CurrentCulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(Localization.DefaultCulture);
        try { return text[key, args].Value; }
        finally { CultureInfo.CurrentUICulture = ui; CultureInfo.CurrentCulture = current; }
    }

    public async Task<(byte[] Content, string Type)> TicketPhotoAsync(int id, int ticketId)
    {
        await LoadAsync(id, edit: false, withItems: false);
        var photo = await db.TripTickets.AsNoTracking().Where(t => t.TripId == id && t.Id == ticketId).Select(t => new { t.Photo, t.PhotoType }).SingleOrDefaultAsync();
        return photo?.Photo is { } content ? (content, photo.PhotoType!) : throw new NotFoundException();
    }

    public async Task<(byte[] Content, string Type)> ExpenseReceiptAsync(int id, int expenseId)
    {
        await LoadAsync(id, edit: false, withItems: false);
        var receipt = await db.TripExpenses.AsNoTracking().Where(e => e.TripId == id && e.Id == expenseId).Select(e => new { e.Receipt, e.ReceiptType }).SingleOrDefaultAsync();
        return receipt is null ? throw new NotFoundException() : (receipt.Receipt, receipt.ReceiptType);
    }

    /// <summary>
    /// The month's reimbursement list (per person and region): trips whose claim finance approved and whose return falls
    /// in the month (local time), with tickets, the fixed per diem and the approved expenses less any false part.
    /// </summary>
    public async Task<ReimbursementList> ReimbursementsAsync(string? month)
    {
        var scope = Scope;
        if (!TripsAccess.SeesReimbursements(scope)) throw new ForbiddenException();
        if (!MonthRange.TryParse(month, out var parsed)) throw new DomainException("MonthFormat") { Field = "Month" };
        var (start, end) = MonthRange.Instants(parsed, time.Zone);
        // Amounts are added here, not in SQL: SQLite has no exact decimal sum.
        var trips = await db.Trips(scope).AsNoTracking()
            .Where(t => t.State == TripState.FinanceApproved && t.ReturnedAt >= start && t.ReturnedAt < end)
            .Select(t => new
            {
                t.TravellerId, t.RegionId, t.PerDiemTotal,
                Tickets = t.Tickets.Select(x => x.Amount).ToList(),
                Expenses = t.Expenses.Select(x => new { x.Amount, x.FalseAmount }).ToList(),
            }).ToListAsync();
        var people = trips.Select(t => t.TravellerId).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => people.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => new { s.Name, s.StaffNumber });
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name);
        var rows = trips.GroupBy(t => (t.RegionId, t.TravellerId)).Select(g =>
            {
                var tickets = g.Sum(t => t.Tickets.Sum());
                var perDiem = g.Sum(t => t.PerDiemTotal ?? 0);
                var expenses = g.Sum(t => t.Expenses.Sum(e => e.Amount - (e.FalseAmount ?? 0)));
                return new ReimbursementRow(regions[g.Key.RegionId], g.Key.TravellerId, staff[g.Key.TravellerId].StaffNumber,
                    staff[g.Key.TravellerId].Name, g.Count(), tickets, perDiem, expenses, tickets + perDiem + expenses);
            })
            .OrderBy(r => r.RegionName).ThenBy(r => r.StaffNumber).ToList();
        return new ReimbursementList(MonthRange.Text(parsed), rows, rows.Sum(r => r.Tickets), rows.Sum(r => r.PerDiem),
            rows.Sum(r => r.Expenses), rows.Sum(r => r.Total));
    }

    private async Task ChangeAsync(int id, int? version, Action<Trip> change)
    {
        var trip = await LoadAsync(id, edit: true);
        if (version is { } v) db.ExpectVersion(trip, v);
        change(trip);
        await db.SaveChangesAsync();
    }

    internal async Task<Trip> LoadAsync(int id, bool edit, bool withItems = true)
    {
        var query = db.Trips.Include(t => t.Days).Include(t => t.WorkOrders).AsSplitQuery();
        if (withItems) query = query.Include(t => t.Tickets).Include(t => t.Expenses);
        var trip = await query.SingleOrDefaultAsync(t => t.Id == id) ?? throw new NotFoundException();
        var scope = Scope;
        if (!TripsAccess.Sees(scope, trip)) throw new NotFoundException();
        if (edit && !TripsAccess.MayEdit(scope, trip)) throw new ForbiddenException("TripNotAllowed");
        return trip;
    }
}
