using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.People;
using AfterSales.Domain.Records;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Records;

/// <summary>
/// Service records (REC-1…REC-4), shared by the pages and the API. Who may read or change a record is who may read or
/// work on its job: a record the caller may not read is a 404, one they may only read is a 403.
/// </summary>
public sealed class RecordService(AppDbContext db, IAuthorizationService authorization, IHttpContextAccessor http, TimeProvider clock,
    RecordPolicy policy, RecordMessages messages, AuditActor actor, Callbacks.CallbackQueue callbacks)
{
    /// <summary>REC-4: who receives signed records in the region; head office only reads the queue.</summary>
    public static readonly StaffRole[] HandInRoles =
        [StaffRole.Supervisor, StaffRole.RegionalManager, StaffRole.DeputyManager, StaffRole.GeneralManager, StaffRole.Administrator];

    public static readonly StaffRole[] HandInReaders = [.. HandInRoles, StaffRole.SupervisionDepartment];

    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user.");
    private AccessScope Scope => AccessScope.From(User);

    public IQueryable<ServiceRecord> Visible(AccessScope scope) =>
        db.ServiceRecords.Where(r => db.WorkOrders(scope).Any(w => w.Id == r.WorkOrderId));

    public async Task<Paged<RecordSummaryDto>> ListAsync(RecordFilter filter, int page, int pageSize = Paged<RecordSummaryDto>.DefaultPageSize)
    {
        var records = Visible(Scope).AsNoTracking();
        if (filter.Kind is { } kind) records = records.Where(r => r.Kind == kind);
        if (filter.Signed is { } signed) records = records.Where(r => (r.SignedAt != null) == signed);
        if (filter.Unacknowledged == true)
            records = records.Where(r => r.SignedAt != null && !db.RecordAcknowledgements.Any(a => a.RecordId == r.Id));
        if (filter.TechnicianId is { } technician) records = records.Where(r => r.TechnicianId == technician);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            var number = q.StartsWith("SR", StringComparison.OrdinalIgnoreCase) && int.TryParse(q[2..], out var n) ? n : (int?)null;
            records = records.Where(r => r.Id == number || r.CustomerName.Contains(q) || r.WorkOrderNumber == q.ToUpper() || r.SiteAddress.Contains(q));
        }
        var ordered = filter.Unacknowledged == true || filter.Signed == true
            ? records.OrderBy(r => r.SignedAt).ThenBy(r => r.Id)
            : records.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
        var paged = await Paged<RecordSummaryDto>.FromAsync(ordered.Select(r => new RecordSummaryDto(r.Id, "", r.Kind, r.WorkOrderId, r.WorkOrderNumber,
            r.CustomerName, r.TechnicianName, r.CreatedAt, r.SignedAt,
            db.RecordAcknowledgements.Where(a => a.RecordId == r.Id).Select(a => (DateTimeOffset?)a.At).FirstOrDefault(),
            db.RecordAcknowledgements.Where(a => a.RecordId == r.Id).Select(a => db.Staff.Where(s => s.Id == a.ById).Select(s => s.Name).First())
                .FirstOrDefault(),
            null, false)), page, pageSize);
        var now = clock.GetUtcNow();
        var items = paged.Items.Select(r =>
        {
            var days = r.SignedAt is { } at ? (int)(now - at).TotalDays : (int?)null;
            return r with
            {
                Number = $"SR{r.Id:000000}", DaysSinceSigning = days,
                Overdue = r.AcknowledgedAt is null && days > policy.HandInAgeingDays,
            };
        }).ToList();
        return new Paged<RecordSummaryDto>(items, paged.Page, paged.PageSize, paged.Total);
    }

    public async Task<RecordDto> GetAsync(int id)
    {
        var (record, _) = await LoadAsync(id, Operations.Read);
        return await DtoAsync(record);
    }

    /// <summary>The record of a job, if it has one (and the caller may read the job).</summary>
    public async Task<int?> FindByWorkOrderAsync(int workOrderId)
    {
        await LoadOrderAsync(workOrderId, Operations.Read);
        return await db.ServiceRecords.Where(r => r.WorkOrderId == workOrderId).Select(r => (int?)r.Id).SingleOrDefaultAsync();
    }

    /// <summary>REC-1: what a new record of the job would copy from its last visit (for the draft form).</summary>
    public async Task<RecordSnapshot> SnapshotAsync(int workOrderId)
    {
        var order = await LoadOrderAsync(workOrderId, Operations.Read);
        return await SnapshotAsync(order);
    }

    /// <summary>
    /// REC-1: the technician drafts the record of a completed job, or saves the draft again. The snapshot of the
    /// customer, site, products, measurements and tests is taken when the record is first saved.
    /// </summary>
    public async Task<int> SaveDraftAsync(RecordDraftInput input)
    {
        var order = await LoadOrderAsync(input.WorkOrderId, Operations.Edit);
        var record = await db.ServiceRecords.Include(r => r.Lines).SingleOrDefaultAsync(r => r.WorkOrderId == order.Id);
        if (record is null)
        {
            if (order.State != WorkOrderState.Completed) throw new ConflictException("RecordNeedsCompletedJob");
            record = new ServiceRecord(await SnapshotAsync(order), clock.GetUtcNow());
            db.ServiceRecords.Add(record);
        }
        else if (input.Version is { } version) db.ExpectVersion(record, version);
        record.UpdateDraft(input.ToDraft());
        await db.SaveChangesAsync();
        return record.Id;
    }

    public async Task UpdateDraftAsync(int id, RecordDraftInput input)
    {
        var (record, _) = await LoadAsync(id, Operations.Edit);
        record.RequireDraft();
        if (input.Version is { } version) db.ExpectVersion(record, version);
        record.UpdateDraft(input.ToDraft());
        await db.SaveChangesAsync();
    }

    /// <summary>REC-2 on the technician's phone: the customer signs, optionally answers the survey; the job becomes Signed.</summary>
    public async Task SignAsync(int id, SignInput input)
    {
        var (record, order) = await LoadAsync(id, Operations.Edit);
        await SignAsync(record, order, input, SignedVia.Phone);
    }

    /// <summary>REC-2 through the SMS link: no log-in; the link works once and not after it expired.</summary>
    public async Task SignByLinkAsync(string token, SignInput input)
    {
        var (link, record) = await UsableLinkAsync(token, RecordLinkPurpose.Sign);
        actor.Name = $"link:{record.Number}";
        var order = await db.WorkOrders.SingleAsync(w => w.Id == record.WorkOrderId);
        link.Use(clock.GetUtcNow());
        await SignAsync(record, order, input, SignedVia.Link);
    }

    private async Task SignAsync(ServiceRecord record, WorkOrder order, SignInput input, SignedVia via)
    {
        var png = DecodeSignature(input.Signature);
        var now = clock.GetUtcNow();
        record.Sign(png, input.SignerName ?? "", input.SignerRole, now, via, policy);
        order.MarkSigned();
        if (input.Score is { } score)
        {
            db.RecordSurveys.Add(new RecordSurvey(record.Id, score, input.Comments, now, via));
            await callbacks.ConsiderScoreAsync(order, score);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A base64 PNG or a data URL of one; refused before decoding when it is too large.</summary>
    private byte[] DecodeSignature(string? signature)
    {
        if (string.IsNullOrWhiteSpace(signature)) throw new DomainException("SignatureRequired") { Field = "Signature" };
        var data = signature.Trim();
        const string marker = ";base64,";
        if (data.StartsWith("data:", StringComparison.Ordinal))
        {
            var at = data.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0 || !data.StartsWith("data:image/png", StringComparison.Ordinal)) throw new DomainException("SignatureNotPng") { Field = "Signature" };
            data = data[(at + marker.Length)..];
        }
        if (data.Length / 4 * 3 > policy.MaxSignatureBytes + 3)
            throw new DomainException("SignatureTooLarge", policy.MaxSignatureBytes / 1024) { Field = "Signature" };
        try
        {
            return Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            throw new DomainException("SignatureNotPng") { Field = "Signature" };
        }
    }

    /// <summary>REC-2: the link to sign goes to the customer's phone through the outbox.</summary>
    public async Task<LinkSentDto> SendSigningLinkAsync(int id)
    {
        var (record, _) = await LoadAsync(id, Operations.Edit);
        record.RequireDraft();
        if (string.IsNullOrWhiteSpace(record.WorkDone)) throw new ConflictException("RecordNotReadyToSign");
        var (link, token) = RecordLink.Issue(record.Id, RecordLinkPurpose.Sign, clock.GetUtcNow(), policy);
        db.RecordLinks.Add(link);
        messages.SigningLink(record, $"{BaseUrl()}/r/{token}", link.ExpiresAt);
        await db.SaveChangesAsync();
        return new LinkSentDto(link.ExpiresAt);
    }

    /// <summary>REC-2: the survey later, through a link, when it was not filled in at signing.</summary>
    public async Task<LinkSentDto> SendSurveyLinkAsync(int id)
    {
        var (record, link, url) = await IssueSurveyLinkAsync(id);
        messages.SurveyLink(record, url, link.ExpiresAt);
        await db.SaveChangesAsync();
        return new LinkSentDto(link.ExpiresAt);
    }

    /// <summary>
    /// REC-2: the survey link as a QR code the technician shows on their phone, for a customer who would rather
    /// answer on their own phone now than wait for an SMS. The token is shown once: only its hash is kept.
    /// </summary>
    public async Task<SurveyCodeDto> ShowSurveyCodeAsync(int id)
    {
        var (_, link, url) = await IssueSurveyLinkAsync(id);
        await db.SaveChangesAsync();
        return new SurveyCodeDto(url, link.ExpiresAt);
    }

    private async Task<(ServiceRecord, RecordLink, string Url)> IssueSurveyLinkAsync(int id)
    {
        var (record, _) = await LoadAsync(id, Operations.Edit);
        if (!record.IsSigned) throw new ConflictException("RecordNotSigned");
        if (await db.RecordSurveys.AnyAsync(s => s.RecordId == id)) throw new ConflictException("SurveyDone");
        var (link, token) = RecordLink.Issue(record.Id, RecordLinkPurpose.Survey, clock.GetUtcNow(), policy);
        db.RecordLinks.Add(link);
        return (record, link, $"{BaseUrl()}/s/{token}");
    }

    /// <summary>The survey recorded by staff (the customer answered on the phone, or on paper).</summary>
    public async Task SurveyAsync(int id, SurveyInput input)
    {
        var (record, _) = await LoadAsync(id, Operations.Edit);
        await AddSurveyAsync(record, input, SignedVia.Phone);
    }

    public async Task SurveyByLinkAsync(string token, SurveyInput input)
    {
        var (link, record) = await UsableLinkAsync(token, RecordLinkPurpose.Survey);
        actor.Name = $"link:{record.Number}";
        link.Use(clock.GetUtcNow());
        await AddSurveyAsync(record, input, SignedVia.Link);
    }

    private async Task AddSurveyAsync(ServiceRecord record, SurveyInput input, SignedVia via)
    {
        if (!record.IsSigned) throw new ConflictException("RecordNotSigned");
        if (await db.RecordSurveys.AnyAsync(s => s.RecordId == record.Id)) throw new ConflictException("SurveyDone");
        db.RecordSurveys.Add(new RecordSurvey(record.Id, input.Score, input.Comments, clock.GetUtcNow(), via));
        // RPT-4: every low score is called back, whatever the sample drew.
        await callbacks.ConsiderScoreAsync(await db.WorkOrders.SingleAsync(w => w.Id == record.WorkOrderId), input.Score);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The record behind a link, or null when the link is unknown, used, expired, or its record already signed:
    /// the page then says so and changes nothing.
    /// </summary>
    public async Task<RecordDto?> ByLinkAsync(string token, RecordLinkPurpose purpose)
    {
        var link = await FindLinkAsync(token, purpose);
        if (link is null || !link.IsUsable(clock.GetUtcNow())) return null;
        var record = await db.ServiceRecords.AsNoTracking().Include(r => r.Lines).SingleAsync(r => r.Id == link.RecordId);
        if (purpose == RecordLinkPurpose.Sign && record.IsSigned) return null;
        if (purpose == RecordLinkPurpose.Survey && await db.RecordSurveys.AnyAsync(s => s.RecordId == record.Id)) return null;
        return await DtoAsync(record);
    }

    private async Task<(RecordLink, ServiceRecord)> UsableLinkAsync(string token, RecordLinkPurpose purpose)
    {
        var link = await FindLinkAsync(token, purpose) ?? throw new NotFoundException("LinkInvalid");
        var now = clock.GetUtcNow();
        if (link.UsedAt is not null) throw new ConflictException("LinkUsed");
        if (now >= link.ExpiresAt) throw new ConflictException("LinkExpired");
        var record = await db.ServiceRecords.Include(r => r.Lines).SingleAsync(r => r.Id == link.RecordId);
        if (purpose == RecordLinkPurpose.Sign && record.IsSigned) throw new ConflictException("LinkUsed");
        return (link, record);
    }

    private Task<RecordLink?> FindLinkAsync(string token, RecordLinkPurpose purpose)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return Task.FromResult<RecordLink?>(null);
        var hash = RecordLink.HashOf(token);
        return db.RecordLinks.SingleOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == purpose);
    }

    /// <summary>REC-3: a correction of a signed record; the signed content stays as it was.</summary>
    public async Task AmendAsync(int id, AmendmentInput input)
    {
        var (record, _) = await LoadAsync(id, Operations.Edit);
        var scope = Scope;
        var name = await db.Staff.Where(s => s.Id == scope.StaffId).Select(s => s.Name).SingleAsync();
        db.RecordAmendments.Add(new RecordAmendment(record, input.Text ?? "", scope.StaffId, name, clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    /// <summary>REC-4: the supervisor acknowledges receipt of one or many signed records; those already acknowledged are skipped.</summary>
    public async Task<int> AcknowledgeAsync(AcknowledgeInput input)
    {
        var scope = Scope;
        var ids = (input.Ids ?? []).Distinct().ToList();
        if (ids.Count == 0) throw new DomainException("NothingSelected") { Field = "Ids" };
        var records = await Visible(scope).Where(r => ids.Contains(r.Id)).ToListAsync();
        if (records.Count != ids.Count) throw new NotFoundException();
        if (scope.IsReadOnly || !HandInRoles.Contains(scope.Role)) throw new ForbiddenException("HandInOnlySupervisors");
        var done = await db.RecordAcknowledgements.Where(a => ids.Contains(a.RecordId)).Select(a => a.RecordId).ToListAsync();
        var now = clock.GetUtcNow();
        var count = 0;
        foreach (var record in records.Where(r => !done.Contains(r.Id)))
        {
            db.RecordAcknowledgements.Add(new RecordAcknowledgement(record, scope.StaffId, now));
            count++;
        }
        await db.SaveChangesAsync();
        return count;
    }

    /// <summary>REC-3: recomputes the hash from what the database holds now and compares it with the one stored at signing.</summary>
    public async Task<VerifyDto> VerifyAsync(int id)
    {
        var (record, _) = await LoadAsync(id, Operations.Read);
        var computed = record.IsSigned ? record.ComputeHash() : null;
        return new VerifyDto(record.Id, record.Number, record.IsSigned, record.ContentHash, computed,
            computed is not null && computed == record.ContentHash);
    }

    /// <summary>The public check behind the PDF's QR code: the number and the start of the hash must match a signed record.</summary>
    public async Task<PublicVerifyDto?> VerifyPublicAsync(string number, string hashPrefix)
    {
        if (!number.StartsWith("SR", StringComparison.OrdinalIgnoreCase) || !int.TryParse(number[2..], out var id)) return null;
        if (hashPrefix.Length < 8 || hashPrefix.Length > 64) return null;
        var record = await db.ServiceRecords.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id);
        if (record?.ContentHash is null || !record.ContentHash.StartsWith(hashPrefix.ToLowerInvariant(), StringComparison.Ordinal)) return null;
        return new PublicVerifyDto(record.Number, record.Kind, record.SignedAt!.Value, record.Verify());
    }

    public async Task<byte[]?> SignatureAsync(int id)
    {
        var (record, _) = await LoadAsync(id, Operations.Read);
        return record.SignatureImage;
    }

    /// <summary>Whether the caller may draft, sign and amend the records of this job.</summary>
    public async Task<bool> MayWorkAsync(int workOrderId)
    {
        var order = await db.WorkOrders.AsNoTracking().Include(w => w.Helpers).SingleAsync(w => w.Id == workOrderId);
        return (await authorization.AuthorizeAsync(User, order, Operations.Edit)).Succeeded;
    }

    public bool MayAcknowledge() => HandInRoles.Contains(Scope.Role) && !Scope.IsReadOnly;

    private async Task<RecordSnapshot> SnapshotAsync(WorkOrder order)
    {
        var visit = order.Visits.Where(v => v.CheckedInAt != null).MaxBy(v => v.Number) ?? throw new ConflictException("RecordNeedsCompletedJob");
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == order.CustomerId).Select(c => new { c.Name, c.Phone }).SingleAsync();
        var address = await db.Sites.Where(s => s.Id == order.SiteId).Select(s => s.Address).SingleAsync();
        var technician = await db.Staff.Where(s => s.Id == visit.TechnicianId).Select(s => s.Name).SingleAsync();
        var productIds = order.Items.Where(i => i.ProductId != null).Select(i => i.ProductId!.Value).ToList();
        var equipmentIds = order.Items.Where(i => i.EquipmentId != null).Select(i => i.EquipmentId!.Value).ToList();
        var products = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        var equipment = await db.Equipment.Where(e => equipmentIds.Contains(e.Id))
            .Select(e => new { e.Id, e.SerialNumber, Product = db.Products.Where(p => p.Id == e.ProductId).Select(p => p.Name).FirstOrDefault() })
            .ToDictionaryAsync(e => e.Id, e => $"{e.Product} {e.SerialNumber}".Trim());
        string ItemName(int itemId)
        {
            var item = order.Items.SingleOrDefault(i => i.Id == itemId);
            if (item?.ProductId is { } p && products.TryGetValue(p, out var product)) return product;
            if (item?.EquipmentId is { } e && equipment.TryGetValue(e, out var unit)) return unit;
            return "";
        }
        var lines = new List<RecordLineContent>();
        lines.AddRange(order.Items.OrderBy(i => i.Id).Select(i => new RecordLineContent(RecordLineKind.Product, ItemName(i.Id), i.Quantity, null, null, null, null)));
        lines.AddRange(visit.Measurements.OrderBy(m => m.At).ThenBy(m => m.Id).Select(m => new RecordLineContent(RecordLineKind.Measurement,
            m.WorkOrderItemId is { } item && ItemName(item) is { Length: > 0 } name ? $"{m.Name}（{name}）" : m.Name, null, m.Value, m.Unit.ToString(), null, m.Note)));
        lines.AddRange(order.LatestTests().Values.OrderBy(t => t.WorkOrderItemId).Select(t => new RecordLineContent(RecordLineKind.Test,
            ItemName(t.WorkOrderItemId), null, null, null, t.Passed, t.Notes)));
        return new RecordSnapshot(order.Id, order.Number, order.Kind, order.RegionId, visit.Id, visit.TechnicianId, technician, customer.Name,
            customer.Phone, address, lines);
    }

    private async Task<RecordDto> DtoAsync(ServiceRecord record)
    {
        var survey = await db.RecordSurveys.AsNoTracking().Where(s => s.RecordId == record.Id)
            .Select(s => new SurveyDto(s.Score, s.Comments, s.At, s.Via)).SingleOrDefaultAsync();
        var acknowledgement = await db.RecordAcknowledgements.AsNoTracking().Where(a => a.RecordId == record.Id)
            .Select(a => new AcknowledgementDto(db.Staff.Where(s => s.Id == a.ById).Select(s => s.Name).First(), a.At)).SingleOrDefaultAsync();
        var amendments = await db.RecordAmendments.AsNoTracking().Where(a => a.RecordId == record.Id).OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new AmendmentDto(a.Id, a.Text, a.ByName, a.At)).ToListAsync();
        return new RecordDto(record.Id, record.Number, record.WorkOrderId, record.TechnicianId, record.RegionId, record.IsSigned, record.Content(),
            record.SignedVia, record.ContentHash, record.CreatedAt, survey, acknowledgement, amendments, record.Version);
    }

    private async Task<(ServiceRecord, WorkOrder)> LoadAsync(int id, OperationAuthorizationRequirement operation)
    {
        var record = await db.ServiceRecords.Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == id) ?? throw new NotFoundException();
        var order = await LoadOrderAsync(record.WorkOrderId, operation);
        return (record, order);
    }

    private async Task<WorkOrder> LoadOrderAsync(int workOrderId, OperationAuthorizationRequirement operation)
    {
        var order = await db.WorkOrders.Include(w => w.Items).Include(w => w.Helpers)
            .Include(w => w.Visits).ThenInclude(v => v.Measurements).Include(w => w.Visits).ThenInclude(v => v.Tests)
            .AsSplitQuery().SingleOrDefaultAsync(w => w.Id == workOrderId) ?? throw new NotFoundException();
        if (!(await authorization.AuthorizeAsync(User, order, Operations.Read)).Succeeded) throw new NotFoundException();
        if (operation == Operations.Edit && !(await authorization.AuthorizeAsync(User, order, Operations.Edit)).Succeeded)
            throw new ForbiddenException("RecordReadOnly");
        return order;
    }

    private string BaseUrl()
    {
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("No request.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
