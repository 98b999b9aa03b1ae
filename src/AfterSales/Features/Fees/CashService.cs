using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Fees;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Fees;

/// <summary>
/// Cash collected on receipts, handed in to the supervisor and reconciled per technician and day (FEE-2). Hand-ins are
/// only added and confirmed, never changed or deleted; a correction is a further hand-in. There is no entry for money
/// a technician advanced for a customer: technicians must not advance money.
/// </summary>
public sealed class CashService(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user.");
    private AccessScope Scope => AccessScope.From(User);

    /// <summary>Collected against received, per technician and day, for the days in the range that have either.</summary>
    public async Task<List<CashDayDto>> DaysAsync(CashFilter filter)
    {
        var scope = Scope;
        var receipts = db.Receipts(scope).AsNoTracking()
            .Where(r => r.State == ReceiptState.Signed && r.PaymentMethod == PaymentMethod.Cash);
        var handIns = db.HandIns(scope).AsNoTracking();
        if (filter.TechnicianId is { } technician)
        {
            receipts = receipts.Where(r => r.TechnicianId == technician);
            handIns = handIns.Where(h => h.TechnicianId == technician);
        }
        if (filter.From is { } from)
        {
            receipts = receipts.Where(r => r.SignedOn >= from);
            handIns = handIns.Where(h => h.Day >= from);
        }
        if (filter.To is { } to)
        {
            receipts = receipts.Where(r => r.SignedOn <= to);
            handIns = handIns.Where(h => h.Day <= to);
        }
        // Sums are taken here, not in SQL: SQLite has no decimal type to add them exactly.
        var collected = await receipts.Select(r => new
        {
            r.TechnicianId,
            Day = r.SignedOn!.Value,
            r.Total,
            HandedIn = db.CashHandInReceipts.Any(h => h.ReceiptId == r.Id),
        }).ToListAsync();
        var handed = await handIns.Select(h => new { h.TechnicianId, h.Day, h.Amount, h.ReceivedAmount }).ToListAsync();
        var keys = collected.Select(c => (c.TechnicianId, c.Day)).Concat(handed.Select(h => (h.TechnicianId, h.Day))).Distinct().ToList();
        var ids = keys.Select(k => k.TechnicianId).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);
        return keys.Select(k =>
            {
                var mine = collected.Where(c => c.TechnicianId == k.TechnicianId && c.Day == k.Day).ToList();
                var theirs = handed.Where(h => h.TechnicianId == k.TechnicianId && h.Day == k.Day).ToList();
                var day = new CashDay(k.TechnicianId, k.Day, mine.Sum(c => c.Total), mine.Count, mine.Count(c => !c.HandedIn),
                    theirs.Sum(h => h.Amount), theirs.Sum(h => h.ReceivedAmount ?? 0), theirs.Count(h => h.ReceivedAmount is null));
                return new CashDayDto(day.TechnicianId, names[day.TechnicianId], day.Day, day.Collected, day.ReceiptCount, day.ReceiptsNotHandedIn,
                    day.Declared, day.Received, day.Difference, day.Status, day.UnconfirmedHandIns);
            })
            .OrderByDescending(d => d.Day).ThenBy(d => d.TechnicianName).ToList();
    }

    public async Task<List<HandInDto>> HandInsAsync(CashFilter filter)
    {
        var handIns = db.HandIns(Scope).AsNoTracking();
        if (filter.TechnicianId is { } technician) handIns = handIns.Where(h => h.TechnicianId == technician);
        if (filter.From is { } from) handIns = handIns.Where(h => h.Day >= from);
        if (filter.To is { } to) handIns = handIns.Where(h => h.Day <= to);
        return await Project(handIns.OrderByDescending(h => h.Day).ThenByDescending(h => h.Id).Take(200));
    }

    public async Task<HandInDto> GetAsync(int id) =>
        (await Project(db.HandIns(Scope).AsNoTracking().Where(h => h.Id == id))).SingleOrDefault() ?? throw new NotFoundException();

    /// <summary>Signed cash receipts of a technician not yet handed in: what the hand-in form offers.</summary>
    public async Task<List<OpenCashReceiptDto>> OpenReceiptsAsync(int? technicianId)
    {
        var receipts = db.Receipts(Scope).AsNoTracking()
            .Where(r => r.State == ReceiptState.Signed && r.PaymentMethod == PaymentMethod.Cash && !db.CashHandInReceipts.Any(h => h.ReceiptId == r.Id));
        if (technicianId is { } t) receipts = receipts.Where(r => r.TechnicianId == t);
        return await receipts.OrderBy(r => r.SignedOn).ThenBy(r => r.Sequence)
            .Select(r => new OpenCashReceiptDto(r.Id, r.Number, r.TechnicianId,
                db.Staff.Where(s => s.Id == r.TechnicianId).Select(s => s.Name).First(), r.SignedOn!.Value, r.Total,
                db.WorkOrders.Where(w => w.Id == r.WorkOrderId).SelectMany(w => db.Customers.Where(c => c.Id == w.CustomerId)).Select(c => c.Name).First()))
            .ToListAsync();
    }

    /// <summary>A technician hands in a day's cash with its receipts; a manager or supervisor may record it for them.</summary>
    public async Task<int> HandInAsync(HandInInput input)
    {
        var scope = Scope;
        var technicianId = input.TechnicianId ?? scope.StaffId;
        var technician = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == technicianId && s.Role == StaffRole.Technician);
        if (technician?.RegionId is not { } regionId || !FeesAccess.Sees(scope, technicianId, regionId))
            throw new DomainException("TechnicianNotFound") { Field = nameof(HandInInput.TechnicianId) };
        if (!FeesAccess.MayChange(scope, technicianId, regionId) || !(scope.SeesOnlyOwnWork || FeesAccess.IsConfirmer(scope)))
            throw new ForbiddenException("HandInNotAllowed");
        var ids = (input.ReceiptIds ?? []).Distinct().ToList();
        var receipts = await db.Receipts.Where(r => ids.Contains(r.Id)).ToListAsync();
        foreach (var missing in ids.Where(id => receipts.All(r => r.Id != id)))
            throw new DomainException("ReceiptNotCashOfDay", missing) { Field = nameof(HandInInput.ReceiptIds) };
        var taken = await db.CashHandInReceipts.Where(h => ids.Contains(h.ReceiptId)).Select(h => h.ReceiptId).ToListAsync();
        if (taken.Count > 0)
            throw new ConflictException("ReceiptHandedIn", receipts.First(r => r.Id == taken[0]).Number);
        var handIn = new CashHandIn(technicianId, regionId, input.Day, input.Amount, receipts, input.Note, clock.GetUtcNow(), scope.StaffId);
        db.CashHandIns.Add(handIn);
        await db.SaveChangesAsync();
        return handIn.Id;
    }

    /// <summary>The supervisor counts the money and confirms what they received; it cannot be changed afterwards.</summary>
    public async Task ConfirmAsync(int id, ConfirmInput input)
    {
        var scope = Scope;
        var handIn = await db.HandIns(scope).SingleOrDefaultAsync(h => h.Id == id) ?? throw new NotFoundException();
        if (!FeesAccess.MayConfirm(scope, handIn)) throw new ForbiddenException("HandInNotAllowed");
        db.ExpectVersion(handIn, input.Version);
        handIn.Confirm(input.ReceivedAmount, scope.StaffId, clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    private async Task<List<HandInDto>> Project(IQueryable<CashHandIn> handIns)
    {
        var rows = await handIns.Select(h => new
        {
            h.Id, h.TechnicianId,
            TechnicianName = db.Staff.Where(s => s.Id == h.TechnicianId).Select(s => s.Name).First(),
            h.Day, h.Amount, h.Note, h.HandedInAt, h.ReceivedAmount,
            ReceivedByName = db.Staff.Where(s => s.Id == h.ReceivedById).Select(s => s.Name).FirstOrDefault(),
            h.ReceivedAt, h.Version,
            Receipts = h.Receipts.Select(r => new HandInReceiptDto(r.ReceiptId,
                db.Receipts.Where(x => x.Id == r.ReceiptId).Select(x => x.Number).First(), r.Amount)).ToList(),
        }).ToListAsync();
        return rows.Select(h => new HandInDto(h.Id, h.TechnicianId, h.TechnicianName, h.Day, h.Amount, h.Receipts.Sum(r => r.Amount), h.Note,
            h.HandedInAt, h.ReceivedAmount, h.ReceivedByName, h.ReceivedAt, h.Version, h.Receipts.OrderBy(r => r.Number).ToList())).ToList();
    }
}
