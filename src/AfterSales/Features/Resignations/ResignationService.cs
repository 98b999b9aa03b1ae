using System.Globalization;
using System.Resources;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Fees;
using AfterSales.Domain.Inventory;
using AfterSales.Domain.Messaging;
using AfterSales.Domain.People;
using AfterSales.Domain.Travel;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Features.Stock;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Resignations;

/// <summary>
/// Resignations and the handover on leaving (HR-2, HR-3), shared by the pages and the API: a technician writes their
/// resignation at least the policy's notice ahead; their manager (or someone who manages staff) approves or rejects it;
/// everything the person still holds is listed and handed to named colleagues with the verbs of the areas that own it
/// (a job's approved change of technician, the customer's technician, a stock transfer); the record is signed by the
/// leaver, the receiving colleagues and the manager; and only with nothing held and the record signed is the exit
/// completed — the person deactivated (log-in ended) and the deposit settled by rule.
/// </summary>
public sealed class ResignationService(AppDbContext db, IHttpContextAccessor http, TimeProvider clock, LocalTime local, PolicyBook policies,
    StockLedger ledger, StockService stock, UserManager<AppUser> users, IStringLocalizer<ResignationsText> text)
{
    private static readonly ResourceManager Texts = new(typeof(ResignationsText));
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Text messages (the outbox's topics): a resignation to approve, to its approvers; the decision, to the leaver.</summary>
    public const string TopicSubmitted = "ResignationSubmitted";
    public const string TopicDecided = "ResignationDecided";

    /// <summary>A job is held while assigned and not finished; these states it can change hands in (WO-4's approved change).</summary>
    private static readonly WorkOrderState[] HeldStates = [WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled,
        WorkOrderState.WaitingForDepartment, WorkOrderState.EnRoute, WorkOrderState.OnSite];
    private static readonly WorkOrderState[] TransferableStates = [WorkOrderState.New, WorkOrderState.Contacted, WorkOrderState.Scheduled,
        WorkOrderState.WaitingForDepartment];

    private AccessScope Scope => AccessScope.From(http.HttpContext!.User);

    /// <summary>
    /// Who sees which: head office all; a region's managers their region's people; anyone their own, and a colleague
    /// the ones they received something from (to sign for it).
    /// </summary>
    public static IQueryable<Resignation> Visible(AppDbContext db, AccessScope scope)
    {
        if (scope.SeesAllRegions) return db.Resignations;
        if (scope.Role is StaffRole.RegionalManager or StaffRole.DeputyManager && scope.RegionId is { } region)
            return db.Resignations.Where(r => r.StaffId == scope.StaffId || db.Staff.Any(s => s.Id == r.StaffId && s.RegionId == region));
        return db.Resignations.Where(r => r.StaffId == scope.StaffId || r.Items.Any(i => i.ToStaffId == scope.StaffId)
            || db.Staff.Any(s => s.Id == r.StaffId && s.ManagerId == scope.StaffId));
    }

    /// <summary>The person's manager, the region's manager or deputy, or someone who manages staff — never the leaver.</summary>
    public static bool MayDecide(AccessScope scope, Staff leaver) =>
        scope.StaffId != leaver.Id && (Policies.Allows(Policies.ManageStaff, scope.Role) || leaver.ManagerId == scope.StaffId
            || (scope.Role is StaffRole.RegionalManager or StaffRole.DeputyManager && leaver.RegionId is { } r && scope.RegionId == r));

    public IQueryable<ResignationDto> Query(ResignationFilter filter, int? id = null)
    {
        var list = Visible(db, Scope).AsNoTracking();
        if (id is not null) list = list.Where(r => r.Id == id);
        if (filter.State is { } state) list = list.Where(r => r.State == state);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            list = list.Where(r => db.Staff.Any(s => s.Id == r.StaffId && (s.Name.Contains(q) || s.StaffNumber.Contains(q.ToUpper()))));
        }
        return list.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Select(r => new ResignationDto(r.Id, "", r.StaffId,
            db.Staff.Where(s => s.Id == r.StaffId).Select(s => s.Name).First(), db.Staff.Where(s => s.Id == r.StaffId).Select(s => s.StaffNumber).First(),
            db.Staff.Where(s => s.Id == r.StaffId).Select(s => s.RegionId).First(),
            db.Regions.Where(g => db.Staff.Any(s => s.Id == r.StaffId && s.RegionId == g.Id)).Select(g => g.Name).FirstOrDefault(),
            r.Reason, r.LastDay, r.SubmittedAt, r.State, db.Staff.Where(s => s.Id == r.DecidedById).Select(s => s.Name).FirstOrDefault(), r.DecidedAt,
            r.DecisionNote, r.LeaverSignature, r.LeaverSignedAt, r.ManagerSignature, r.ManagerSignedAt, r.CompletedAt, r.Version));
    }

    public async Task<Paged<ResignationDto>> ListAsync(ResignationFilter filter)
    {
        var page = await Paged<ResignationDto>.FromAsync(Query(filter), filter.Page ?? 1, filter.PageSize ?? Paged<ResignationDto>.DefaultPageSize);
        return page with { Items = [.. page.Items.Select(Numbered)] };
    }

    private static ResignationDto Numbered(ResignationDto r) => r with { Number = $"LZ{r.Id:000000}" };

    public async Task<ResignationDto> GetAsync(int id) =>
        Numbered(await Query(new ResignationFilter(), id).SingleOrDefaultAsync() ?? throw new NotFoundException());

    public async Task<ResignationDetailsDto> DetailsAsync(int id)
    {
        var scope = Scope;
        var resignation = await GetAsync(id);
        var leaver = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == resignation.StaffId);
        var items = await db.HandoverItems.AsNoTracking().Where(i => i.ResignationId == id).OrderBy(i => i.Id)
            .Select(i => new HandoverItemDto(i.Id, i.Kind, i.ReferenceId, i.Description, i.Quantity, i.ToStaffId,
                db.Staff.Where(s => s.Id == i.ToStaffId).Select(s => s.Name).First(), i.At, i.ReceiverSignature, i.ReceiverSignedAt))
            .ToListAsync();
        var open = resignation.State is ResignationState.Submitted or ResignationState.Approved;
        var held = open ? await HeldAsync(leaver.Id) : [];
        var approved = resignation.State == ResignationState.Approved;
        var mayDecide = MayDecide(scope, leaver);
        var signed = resignation.LeaverSignedAt is not null && resignation.ManagerSignedAt is not null && items.All(i => i.ReceiverSignedAt is not null);
        return new ResignationDetailsDto(resignation, held, items, signed, mayDecide && resignation.State == ResignationState.Submitted,
            mayDecide && approved, approved && scope.StaffId == leaver.Id && held.Count == 0 && resignation.LeaverSignedAt is null,
            approved && items.Any(i => i.ToStaffId == scope.StaffId && i.ReceiverSignedAt is null),
            approved && mayDecide && held.Count == 0 && resignation.ManagerSignedAt is null);
    }

    /// <summary>HR-2: the person's own resignation, at least the policy's notice days ahead; one open at a time.</summary>
    public async Task<int> SubmitAsync(ResignationInput input)
    {
        var scope = Scope;
        if (await db.Resignations.AnyAsync(r => r.StaffId == scope.StaffId && (r.State == ResignationState.Submitted || r.State == ResignationState.Approved)))
            throw new ConflictException("ResignationOpen");
        var lastDay = input.LastDay ?? throw new DomainException("Required") { Field = nameof(ResignationInput.LastDay) };
        var policy = await policies.InForceAsync();
        var resignation = new Resignation(scope.StaffId, input.Reason, lastDay, local.Today, policy.Document.People.ResignationNoticeDays, clock.GetUtcNow());
        db.Resignations.Add(resignation);
        // HR-2: approval is needed, so whoever may give it hears of it at once, in the same save (the outbox sends it).
        var leaver = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == scope.StaffId);
        var regionManager = leaver.RegionId is { } region ? await db.Regions.Where(r => r.Id == region).Select(r => r.ManagerId).SingleAsync() : null;
        var approvers = await db.Staff.AsNoTracking()
            .Where(s => s.IsActive && s.Id != leaver.Id && (s.Id == leaver.ManagerId || s.Id == regionManager)).ToListAsync();
        var body = InChinese("Sms.Submitted", leaver.Name, leaver.StaffNumber, lastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var approver in approvers)
            db.Outbox.Add(new OutboxMessage(RecipientKind.Staff, approver.Name, approver.Phone, TopicSubmitted, body, clock.GetUtcNow(), nameof(Staff), leaver.Id));
        await db.SaveChangesAsync();
        return resignation.Id;
    }

    /// <summary>A text the records and messages keep in Chinese, whoever is reading the page.</summary>
    private static string InChinese(string name, params object[] arguments) => string.Format(Chinese, Texts.GetString(name, Chinese)!, arguments);

    public async Task DecideAsync(int id, ResignationDecision decision)
    {
        var (resignation, leaver) = await LoadAsync(id);
        if (!MayDecide(Scope, leaver)) throw new ForbiddenException();
        db.ExpectVersion(resignation, decision.Version);
        resignation.Decide(decision.Approve, decision.Note, Scope.StaffId, clock.GetUtcNow());
        var body = decision.Approve
            ? InChinese("Sms.Approved", resignation.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : InChinese("Sms.Rejected", resignation.DecisionNote!);
        db.Outbox.Add(new OutboxMessage(RecipientKind.Staff, leaver.Name, leaver.Phone, TopicDecided, OutboxMessage.Fit(body), clock.GetUtcNow(),
            nameof(Staff), leaver.Id));
        await db.SaveChangesAsync();
    }

    /// <summary>The colleagues who may receive the leaver's things: active technicians of the leaver's region.</summary>
    public async Task<List<ColleagueDto>> ColleaguesAsync(int resignationId)
    {
        var (_, leaver) = await LoadAsync(resignationId);
        return await Colleagues(leaver).OrderBy(s => s.StaffNumber).Select(s => new ColleagueDto(s.Id, s.Name, s.StaffNumber)).ToListAsync();
    }

    private IQueryable<Staff> Colleagues(Staff leaver) =>
        db.Staff.AsNoTracking().Where(s => s.IsActive && s.Id != leaver.Id && s.Role == StaffRole.Technician && s.RegionId == leaver.RegionId);

    /// <summary>HR-3: everything the person still holds, transferable or not.</summary>
    public async Task<List<HeldItemDto>> HeldAsync(int staffId)
    {
        var held = new List<HeldItemDto>();
        var orders = await db.WorkOrders.AsNoTracking().Where(w => w.TechnicianId == staffId && HeldStates.Contains(w.State)).OrderBy(w => w.Id)
            .Select(w => new { w.Id, w.State, w.Description, Customer = db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First() })
            .ToListAsync();
        held.AddRange(orders.Select(w => new HeldItemDto($"{HeldKind.WorkOrder}:{w.Id}", HeldKind.WorkOrder, w.Id, $"WO{w.Id:000000} · {w.Customer}",
            text["WorkOrderState." + w.State], 1, TransferableStates.Contains(w.State), $"/WorkOrders/Details/{w.Id}")));

        var customers = await db.Customers.AsNoTracking().Where(c => c.TechnicianId == staffId).OrderBy(c => c.Code)
            .Select(c => new { c.Id, c.Code, c.Name }).ToListAsync();
        held.AddRange(customers.Select(c => new HeldItemDto($"{HeldKind.Customer}:{c.Id}", HeldKind.Customer, c.Id, $"{c.Name} ({c.Code})", null, 1, true,
            $"/Customers/Details/{c.Id}")));

        if (await db.StockLocations.AsNoTracking().SingleOrDefaultAsync(l => l.TechnicianId == staffId) is { } location)
        {
            var balances = await ledger.BalancesAsync([location.Id]);
            var ids = balances.Where(b => b.Value > 0).Select(b => b.Key.Item).ToList();
            // Tools first (kinds are stored by name, so ordered here).
            var items = await db.StockItems.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync();
            held.AddRange(items.OrderBy(i => i.Kind).ThenBy(i => i.Code, StringComparer.Ordinal).Select(i =>
            {
                var kind = i.Kind == StockItemKind.Tool ? HeldKind.Tool : HeldKind.Stock;
                var quantity = balances[(location.Id, i.Id)];
                return new HeldItemDto($"{kind}:{i.Id}", kind, i.Id, $"{i.Name} ({i.Code})", $"{quantity} {i.Unit}", quantity, true,
                    $"/Stock/Location/{location.Id}");
            }));
        }

        var parts = await db.PartReturns.AsNoTracking().Where(p => p.TechnicianId == staffId && p.State == PartReturnState.Pending).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Quantity, p.DueOn, Item = db.StockItems.Where(i => i.Id == p.ItemId).Select(i => i.Name).First() }).ToListAsync();
        held.AddRange(parts.Select(p => new HeldItemDto($"{HeldKind.PartReturn}:{p.Id}", HeldKind.PartReturn, p.Id, $"RP{p.Id:000000} · {p.Item}",
            text["PartDue", p.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], p.Quantity, false, $"/Stock/Return/{p.Id}")));

        var cash = await db.Receipts.AsNoTracking()
            .Where(r => r.TechnicianId == staffId && r.State == ReceiptState.Signed && r.PaymentMethod == PaymentMethod.Cash
                && !db.CashHandInReceipts.Any(h => h.ReceiptId == r.Id))
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.Number, r.Total }).ToListAsync();
        held.AddRange(cash.Select(r => new HeldItemDto($"{HeldKind.Cash}:{r.Id}", HeldKind.Cash, r.Id, r.Number,
            text["CashAmount", r.Total.ToString("0.00", CultureInfo.InvariantCulture)], 1, false, "/Fees/Cash")));

        var trips = await db.Trips.AsNoTracking().Where(t => t.TravellerId == staffId && t.State != TripState.FinanceApproved).OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.Destination, t.State }).ToListAsync();
        held.AddRange(trips.Select(t =>
        {
            var kind = t.State is TripState.Planned or TripState.Underway or TripState.Returned ? HeldKind.Trip : HeldKind.Claim;
            return new HeldItemDto($"{kind}:{t.Id}", kind, t.Id, t.Destination, text["TripState." + t.State], 1, false, $"/Trips/{t.Id}");
        }));
        return held;
    }

    /// <summary>
    /// HR-3: hands every transferable held item to the named colleague (the default, or the one named for its key) with
    /// the owning area's own verb, and writes each to the handover record. One transaction.
    /// </summary>
    public async Task<int> HandOverAsync(int id, HandoverInput input)
    {
        var scope = Scope;
        var (resignation, leaver) = await LoadAsync(id);
        if (!MayDecide(scope, leaver)) throw new ForbiddenException();
        db.ExpectVersion(resignation, input.Version);
        if (resignation.State != ResignationState.Approved)
            throw new ConflictException("ResignationState", new LocalizedArgument($"ResignationState.{resignation.State}"));
        var colleagues = await Colleagues(leaver).ToDictionaryAsync(s => s.Id, s => s.Name);
        var overrides = input.Items ?? [];
        foreach (var chosen in overrides.Values.Append(input.ToStaffId ?? 0).Where(c => c != 0).Distinct())
            if (!colleagues.ContainsKey(chosen)) throw new DomainException("HandoverColleagueInvalid") { Field = nameof(HandoverInput.ToStaffId) };

        var held = (await HeldAsync(leaver.Id)).Where(h => h.Transferable).ToList();
        var moves = held.Select(h => (Item: h, To: overrides.TryGetValue(h.Key, out var to) && to != 0 ? to : input.ToStaffId ?? 0))
            .Where(m => m.To != 0).ToList();
        if (moves.Count == 0) throw new DomainException("HandoverNothingToMove") { Field = nameof(HandoverInput.ToStaffId) };

        var now = clock.GetUtcNow();
        var reason = InChinese("HandoverReason", resignation.Number);
        await using var transaction = await db.Database.BeginTransactionAsync();
        // The stock locations, looked up once for all the tool and stock lines.
        StockLocation? leaverStock = null;
        var colleagueStock = new Dictionary<int, StockLocation>();
        foreach (var (item, to) in moves)
        {
            switch (item.Kind)
            {
                case HeldKind.WorkOrder:
                    // WO-4: a change of technician is a request approved by a manager; the handover is both.
                    var order = await db.WorkOrders.Include(w => w.ChangeRequests).Include(w => w.Helpers).SingleAsync(w => w.Id == item.ReferenceId);
                    var request = order.RequestTechnicianChange(to, reason, forCustomer: false, scope.StaffId, now);
                    await db.SaveChangesAsync();
                    order.DecideTechnicianChange(request.Id, true, scope.StaffId, now, reason);
                    break;
                case HeldKind.Customer:
                    // WO-4: the customer keeps one technician, and their next job goes to them.
                    var customer = await db.Customers.SingleAsync(c => c.Id == item.ReferenceId);
                    customer.AssignTechnician(to);
                    break;
                case HeldKind.Tool or HeldKind.Stock:
                    var from = leaverStock ??= await db.StockLocations.SingleAsync(l => l.TechnicianId == leaver.Id);
                    if (!colleagueStock.TryGetValue(to, out var into)) colleagueStock[to] = into = await stock.TechnicianLocationAsync(to);
                    await ledger.PostAsync([StockMovement.Create(MovementType.Transfer, item.ReferenceId, from, into, item.Quantity, now, scope.StaffId, reason)]);
                    break;
                default:
                    continue;
            }
            resignation.RecordTransfer(item.Kind, item.ReferenceId, item.Title, item.Quantity, to, scope.StaffId, now);
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return moves.Count;
    }

    /// <summary>The signer types their name while logged in: the leaver, each receiving colleague for their items, and the manager.</summary>
    public async Task SignAsync(int id, HandoverSignature signature)
    {
        var scope = Scope;
        var (resignation, leaver) = await LoadAsync(id);
        db.ExpectVersion(resignation, signature.Version);
        var me = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == scope.StaffId);
        var name = (signature.Name ?? "").Trim();
        if (name.Length == 0) throw new DomainException("Required") { Field = nameof(HandoverSignature.Name) };
        if (!string.Equals(name, me.Name, StringComparison.Ordinal)) throw new DomainException("SignatureNameMismatch", me.Name) { Field = nameof(HandoverSignature.Name) };
        var now = clock.GetUtcNow();
        if (scope.StaffId == leaver.Id)
        {
            if ((await HeldAsync(leaver.Id)).Count > 0) throw StillHeld(await HeldAsync(leaver.Id));
            resignation.SignAsLeaver(name, now);
        }
        else if (resignation.Items.Any(i => i.ToStaffId == scope.StaffId && i.ReceiverSignedAt is null))
            resignation.SignAsReceiver(scope.StaffId, name, now);
        else if (MayDecide(scope, leaver))
        {
            var held = await HeldAsync(leaver.Id);
            if (held.Count > 0) throw StillHeld(held);
            resignation.SignAsManager(scope.StaffId, name, now);
        }
        else throw new ForbiddenException("HandoverNotYours");
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// HR-3: refused (409, listing what is still held) until nothing is held and the record is signed; then the person
    /// is deactivated (their sessions end, log-in refused) and the deposit is settled by HR-2.
    /// </summary>
    public async Task CompleteAsync(int id, int version)
    {
        var scope = Scope;
        var (resignation, leaver) = await LoadAsync(id);
        if (!MayDecide(scope, leaver)) throw new ForbiddenException();
        db.ExpectVersion(resignation, version);
        var held = await HeldAsync(leaver.Id);
        if (held.Count > 0) throw StillHeld(held);
        var now = clock.GetUtcNow();
        resignation.Complete(scope.StaffId, now);

        var staff = await db.Staff.Include(s => s.Deposits).SingleAsync(s => s.Id == leaver.Id);
        var policy = await policies.InForceAsync();
        staff.SettleDeposit(resignation.LastDay, policy.Document.People.DepositForfeitWithinDays, policy.Version, now);
        if (staff.Role == StaffRole.Administrator
            && !await db.Staff.AnyAsync(s => s.Id != staff.Id && s.IsActive && s.Role == StaffRole.Administrator))
            throw new DomainException("LastAdministrator");
        staff.Deactivate();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        // As on deactivating by hand: the security stamp changes, so any open session ends.
        if (await db.Users.SingleOrDefaultAsync(u => u.StaffId == staff.Id) is { } user)
        {
            var ended = await users.UpdateSecurityStampAsync(user);
            if (!ended.Succeeded) throw new ConflictException();
        }
        await transaction.CommitAsync();
    }

    private ConflictException StillHeld(IReadOnlyList<HeldItemDto> held) =>
        new("ExitStillHeld", string.Join("; ", held.Select(h => $"{text["Held." + h.Kind]} {h.Title}")));

    private async Task<(Resignation Resignation, Staff Leaver)> LoadAsync(int id)
    {
        var resignation = await Visible(db, Scope).Include(r => r.Items).SingleOrDefaultAsync(r => r.Id == id) ?? throw new NotFoundException();
        var leaver = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == resignation.StaffId);
        return (resignation, leaver);
    }
}
