using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Fees;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using AfterSales.Infrastructure.Pdf;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Fees;

/// <summary>
/// Receipts (FEE-1), shared by the pages and the API so both apply the same rules. A receipt outside the caller's
/// scope is a 404; one they may read but not handle is a 403; a change to a signed receipt is a 409.
/// </summary>
public sealed class ReceiptService(AppDbContext db, IAuthorizationService authorization, IHttpContextAccessor http, TimeProvider clock,
    LocalTime time)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user.");
    private AccessScope Scope => AccessScope.From(User);

    public Task<Paged<ReceiptSummaryDto>> ListAsync(ReceiptFilter filter, int page, int pageSize = Paged<ReceiptSummaryDto>.DefaultPageSize)
    {
        var receipts = db.Receipts(Scope).AsNoTracking();
        if (filter.State is { } state) receipts = receipts.Where(r => r.State == state);
        if (filter.PaymentMethod is { } method) receipts = receipts.Where(r => r.PaymentMethod == method);
        if (filter.TechnicianId is { } technician) receipts = receipts.Where(r => r.TechnicianId == technician);
        if (filter.WorkOrderId is { } workOrder) receipts = receipts.Where(r => r.WorkOrderId == workOrder);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            receipts = receipts.Where(r => r.Number.Contains(q.ToUpper()) || r.SignedByName!.Contains(q)
                || db.WorkOrders.Any(w => w.Id == r.WorkOrderId && db.Customers.Any(c => c.Id == w.CustomerId && c.Name.Contains(q))));
        }
        var rows = receipts.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => new ReceiptSummaryDto(r.Id, r.Number,
            r.WorkOrderId, db.WorkOrders.Where(w => w.Id == r.WorkOrderId).SelectMany(w => db.Customers.Where(c => c.Id == w.CustomerId)).Select(c => c.Name).First(),
            r.TechnicianId, db.Staff.Where(s => s.Id == r.TechnicianId).Select(s => s.Name).First(), r.PaymentMethod, r.State, r.Total, r.CreatedAt, r.SignedAt));
        return Paged<ReceiptSummaryDto>.FromAsync(rows, page, pageSize);
    }

    public async Task<ReceiptDto> GetAsync(int id)
    {
        var receipt = await LoadAsync(id, edit: false);
        var order = await db.WorkOrders.AsNoTracking().Where(w => w.Id == receipt.WorkOrderId)
            .Select(w => new
            {
                Customer = db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First(),
                Site = db.Sites.Where(s => s.Id == w.SiteId).Select(s => s.Address).First(),
            }).SingleAsync();
        var region = await db.Regions.AsNoTracking().Where(r => r.Id == receipt.RegionId).Select(r => r.Name).SingleAsync();
        var technician = await db.Staff.AsNoTracking().Where(s => s.Id == receipt.TechnicianId).Select(s => s.Name).SingleAsync();
        var handIn = await db.CashHandInReceipts.AsNoTracking().Where(h => h.ReceiptId == id).Select(h => (int?)h.HandInId).FirstOrDefaultAsync();
        return new ReceiptDto(receipt.Id, receipt.Number, receipt.WorkOrderId, order.Customer, order.Site, receipt.RegionId, region,
            receipt.TechnicianId, technician, receipt.PaymentMethod, receipt.State, receipt.Total, receipt.CreatedAt, receipt.SignedByName,
            receipt.SignedAt, receipt.Signature is not null, receipt.VoidReason, receipt.VoidedAt, handIn, receipt.Version,
            receipt.Lines.OrderBy(l => l.Position).Select(l => new ReceiptLineDto(l.Id, l.Position, l.Kind, l.ProductId, l.Description, l.Quantity,
                l.UnitPrice, l.LineTotal)).ToList());
    }

    public async Task<(ReceiptDto Receipt, byte[]? Signature)> GetWithSignatureAsync(int id)
    {
        var dto = await GetAsync(id);
        var signature = await db.Receipts.AsNoTracking().Where(r => r.Id == id).Select(r => r.Signature).SingleAsync();
        return (dto, signature);
    }

    /// <summary>
    /// A new receipt on a job the caller works on. Its number is the next of its region's series for the year: the
    /// counter row is raised in the same transaction as the receipt is saved, so numbers are unique and without gaps.
    /// </summary>
    public Task<int> CreateAsync(ReceiptInput input) => CreateAsync(input, []);

    private async Task<int> CreateAsync(ReceiptInput input, IReadOnlyList<StockBillLine> stock)
    {
        var scope = Scope;
        var order = await db.WorkOrders.Include(w => w.Helpers).SingleOrDefaultAsync(w => w.Id == input.WorkOrderId)
            ?? throw new NotFoundException();
        if (!(await authorization.AuthorizeAsync(User, order, Operations.Read)).Succeeded) throw new NotFoundException();
        var technicianId = scope.SeesOnlyOwnWork ? scope.StaffId
            : order.TechnicianId ?? throw new DomainException("WorkOrderHasNoTechnician") { Field = nameof(ReceiptInput.WorkOrderId) };
        if (!FeesAccess.MayChange(scope, technicianId, order.RegionId)
            || !(await authorization.AuthorizeAsync(User, order, Operations.Edit)).Succeeded)
            throw new ForbiddenException("ReceiptReadOnly");
        var lines = await ResolveLinesAsync(input.Lines ?? []);
        var series = await db.Regions.Where(r => r.Id == order.RegionId).Select(r => r.Code).SingleAsync();
        var now = clock.GetUtcNow();
        var year = time.ToLocal(now).Year;

        await using var transaction = await db.Database.BeginTransactionAsync();
        var number = new ReceiptNumber(series, year, await NextSequenceAsync(series, year));
        var receipt = new Receipt(number, order.Id, order.RegionId, technicianId, input.PaymentMethod, now, scope.StaffId);
        foreach (var line in lines) receipt.AddLine(line.Kind, line.ProductId, line.Description, line.Quantity, line.UnitPrice);
        foreach (var line in stock) receipt.AddStock(line.StockItemId, line.Name, line.Quantity, line.UnitPrice);
        db.Receipts.Add(receipt);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return receipt.Id;
    }

    /// <summary>
    /// FEE-1: how much of each accessory from stock the job's receipts already bill, and their numbers. A voided receipt
    /// bills nothing; a draft does (its lines are what the customer will be asked to pay).
    /// </summary>
    internal async Task<(Dictionary<int, decimal> Quantities, List<string> Receipts)> BilledStockAsync(int workOrderId)
    {
        var lines = await db.ReceiptLines.AsNoTracking()
            .Where(l => l.StockItemId != null && l.Receipt.WorkOrderId == workOrderId && l.Receipt.State != ReceiptState.Voided)
            .Select(l => new { l.Receipt.Number, StockItemId = l.StockItemId!.Value, l.Quantity }).ToListAsync();
        return (lines.GroupBy(l => l.StockItemId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity)),
            [.. lines.Select(l => l.Number).Distinct().Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// FEE-1: accessories not yet billed go on the job's open draft, the newest one the caller may change, so a job
    /// has one receipt to sign; without a draft, on a new receipt (<c>Created</c>).
    /// </summary>
    internal async Task<(int Id, bool Created)> BillStockAsync(int workOrderId, IReadOnlyList<StockBillLine> stock)
    {
        var scope = Scope;
        var drafts = await db.Receipts.AsNoTracking().Where(r => r.WorkOrderId == workOrderId && r.State == ReceiptState.Draft)
            .OrderByDescending(r => r.Id).Select(r => new { r.Id, r.TechnicianId, r.RegionId }).ToListAsync();
        if (drafts.FirstOrDefault(d => FeesAccess.MayChange(scope, d.TechnicianId, d.RegionId)) is not { } draft)
            return (await CreateAsync(new ReceiptInput(workOrderId, PaymentMethod.Cash, []), stock), true);
        var receipt = await LoadAsync(draft.Id, edit: true);
        foreach (var line in stock) receipt.AddStock(line.StockItemId, line.Name, line.Quantity, line.UnitPrice);
        await db.SaveChangesAsync();
        return (receipt.Id, false);
    }

    public async Task AddLinesAsync(int id, IReadOnlyList<ReceiptLineInput> input)
    {
        var lines = await ResolveLinesAsync(input);
        var receipt = await LoadAsync(id, edit: true);
        foreach (var line in lines) receipt.AddLine(line.Kind, line.ProductId, line.Description, line.Quantity, line.UnitPrice);
        await db.SaveChangesAsync();
    }

    public async Task RemoveLineAsync(int id, int lineId)
    {
        var receipt = await LoadAsync(id, edit: true);
        receipt.RemoveLine(lineId);
        await db.SaveChangesAsync();
    }

    public async Task ChangePaymentMethodAsync(int id, PaymentMethodInput input)
    {
        var receipt = await LoadAsync(id, edit: true);
        db.ExpectVersion(receipt, input.Version);
        receipt.ChangePaymentMethod(input.PaymentMethod);
        await db.SaveChangesAsync();
    }

    /// <summary>The customer signs on the phone: their name and the signature drawn on the screen, as a PNG data URL or base64.</summary>
    public async Task SignAsync(int id, SignInput input)
    {
        var receipt = await LoadAsync(id, edit: true);
        db.ExpectVersion(receipt, input.Version);
        var now = clock.GetUtcNow();
        var png = DecodePng(input.Signature);
        // The signature must print on the receipt's PDF.
        if (png is { Length: > 0 } && !PdfReport.CanPlace(png)) throw new DomainException("SignatureInvalid") { Field = "Signature" };
        receipt.Sign(input.Name, png, now, DateOnly.FromDateTime(time.ToLocal(now).DateTime));
        await db.SaveChangesAsync();
    }

    public async Task VoidAsync(int id, VoidInput input)
    {
        var receipt = await LoadAsync(id, edit: true);
        db.ExpectVersion(receipt, input.Version);
        if (await db.CashHandInReceipts.AnyAsync(h => h.ReceiptId == id)) throw new ConflictException("ReceiptHandedIn", receipt.Number);
        receipt.Void(input.Reason, clock.GetUtcNow(), Scope.StaffId);
        await db.SaveChangesAsync();
    }

    private async Task<int> NextSequenceAsync(string series, int year)
    {
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "ReceiptCounters" ("Series", "Year", "Last") VALUES ({series}, {year}, 0) ON CONFLICT ("Series", "Year") DO NOTHING""");
        await db.Database.ExecuteSqlAsync(
            $"""UPDATE "ReceiptCounters" SET "Last" = "Last" + 1 WHERE "Series" = {series} AND "Year" = {year}""");
        return await db.ReceiptCounters.AsNoTracking().Where(c => c.Series == series && c.Year == year).Select(c => c.Last).SingleAsync();
    }

    private sealed record Line(ReceiptLineKind Kind, int? ProductId, string? Description, decimal Quantity, decimal UnitPrice);

    /// <summary>
    /// A catalog item brings its name and list price unless the line names its own; a line left empty is skipped.
    /// </summary>
    private async Task<List<Line>> ResolveLinesAsync(IReadOnlyList<ReceiptLineInput> input)
    {
        var lines = new List<Line>();
        foreach (var line in input)
        {
            if (line.ProductId is null && string.IsNullOrWhiteSpace(line.Description) && line.Quantity == 0 && line.UnitPrice is null) continue;
            var description = line.Description;
            var price = line.UnitPrice;
            if (line.ProductId is { } productId)
            {
                var product = await db.Products.AsNoTracking().Where(p => p.Id == productId && p.IsActive)
                    .Select(p => new { p.Name, p.Price }).SingleOrDefaultAsync()
                    ?? throw new DomainException("ProductNotFound") { Field = "ProductId" };
                if (string.IsNullOrWhiteSpace(description)) description = product.Name;
                price ??= product.Price;
            }
            if (price is null) throw new DomainException("Required") { Field = nameof(ReceiptLine.UnitPrice) };
            var kind = line.Kind ?? (line.ProductId is null ? ReceiptLineKind.Service : ReceiptLineKind.Material);
            lines.Add(new Line(kind, line.ProductId, description, line.Quantity, price.Value));
        }
        return lines;
    }

    private static byte[]? DecodePng(string? signature)
    {
        if (string.IsNullOrWhiteSpace(signature)) return null;
        var text = signature.Trim();
        const string prefix = "data:image/png;base64,";
        if (text.StartsWith("data:", StringComparison.Ordinal))
        {
            if (!text.StartsWith(prefix, StringComparison.Ordinal)) throw new DomainException("SignatureInvalid") { Field = "Signature" };
            text = text[prefix.Length..];
        }
        if (text.Length / 4 * 3 > Receipt.MaxSignatureBytes + 3) throw new DomainException("SignatureInvalid") { Field = "Signature" };
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new DomainException("SignatureInvalid") { Field = "Signature" };
        }
    }

    internal async Task<Receipt> LoadAsync(int id, bool edit)
    {
        var receipt = await db.Receipts.Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id) ?? throw new NotFoundException();
        var scope = Scope;
        if (!FeesAccess.Sees(scope, receipt.TechnicianId, receipt.RegionId)) throw new NotFoundException();
        if (edit && !FeesAccess.MayChange(scope, receipt.TechnicianId, receipt.RegionId)) throw new ForbiddenException("ReceiptReadOnly");
        return receipt;
    }

    /// <summary>Technicians the caller may pick in filters: their own region's, or only themselves.</summary>
    public Task<List<(int Id, string Name)>> TechniciansAsync() => TechniciansQuery(db, Scope);

    internal static async Task<List<(int Id, string Name)>> TechniciansQuery(AppDbContext db, AccessScope scope)
    {
        var staff = db.Staff.AsNoTracking().Where(s => s.Role == StaffRole.Technician);
        if (scope.SeesOnlyOwnWork) staff = staff.Where(s => s.Id == scope.StaffId);
        else if (!scope.SeesAllRegions) staff = staff.Where(s => s.RegionId == scope.RegionId);
        var rows = await staff.OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync();
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }
}
