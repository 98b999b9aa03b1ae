using System.Globalization;
using System.Resources;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Messaging;
using AfterSales.Domain.People;
using AfterSales.Features.Assessment;
using AfterSales.Features.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Leads;

public sealed record SalesLeadDto(int Id, int CustomerId, string CustomerName, string CustomerPhone, int? SiteId, string? SiteName,
    string Wants, decimal? EstimatedValue, int RegionId, string RegionName, int RecordedById, string RecordedByName, DateTimeOffset RecordedAt,
    string State, string? HandledByName, DateTimeOffset? HandledAt, string? OutcomeNote, decimal? OrderValue, DateTimeOffset? ClosedAt,
    decimal? Reward, string? RewardPolicyVersion, DateTimeOffset? RewardGrantedAt, int Version)
{
    public string Number => $"XS{Id:000000}";
}

public sealed record SalesLeadInput(int CustomerId, int? SiteId, string? Wants, decimal? EstimatedValue);

/// <summary>A step of a lead: <c>forward</c>, <c>contacted</c>, <c>won</c> (with the order value), <c>lost</c> (with a note) or <c>reward</c>.</summary>
public sealed record SalesLeadProgress(string Action, int Version, decimal? OrderValue = null, string? Note = null, decimal? Reward = null);

/// <summary>What a manager may do with a lead now, for the page.</summary>
public sealed record LeadPermissions(bool MayProgress, bool MayReward, decimal RewardMin, decimal RewardMax);

/// <summary>
/// Sales leads (HR-4), shared by the pages and the API: who sees which (the technician their own, the region's
/// managers their region's, head office all), recording one from a customer the technician may read, and its steps.
/// </summary>
public sealed class LeadService(AppDbContext db, IHttpContextAccessor http, TimeProvider clock, PolicyBook policies)
{
    private static readonly ResourceManager Texts = new(typeof(LeadsText));
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private AccessScope Scope => AccessScope.From(http.HttpContext!.User);

    public static IQueryable<SalesLead> Visible(AppDbContext db, AccessScope scope) => scope.Role switch
    {
        StaffRole.GeneralManager or StaffRole.SupervisionDepartment or StaffRole.Administrator => db.SalesLeads,
        StaffRole.RegionalManager or StaffRole.DeputyManager when scope.RegionId is not null =>
            db.SalesLeads.Where(l => l.RegionId == scope.RegionId || l.RecordedById == scope.StaffId),
        _ => db.SalesLeads.Where(l => l.RecordedById == scope.StaffId),
    };

    /// <summary>The region's manager and deputy move a lead on; the general manager and administrators may too.</summary>
    public static bool MayProgress(AccessScope scope, SalesLead lead) => scope.Role switch
    {
        StaffRole.GeneralManager or StaffRole.Administrator => true,
        StaffRole.RegionalManager or StaffRole.DeputyManager => scope.RegionId == lead.RegionId,
        _ => false,
    };

    public IQueryable<SalesLeadDto> Query(string? search, SalesLeadState? state, int? id = null)
    {
        var leads = Visible(db, Scope).AsNoTracking();
        if (id is not null) leads = leads.Where(l => l.Id == id);
        if (state is not null) leads = leads.Where(l => l.State == state);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            leads = leads.Where(l => l.Wants.Contains(s) || db.Customers.Any(c => c.Id == l.CustomerId && (c.Name.Contains(s) || c.Code.Contains(s) || c.Phone.Contains(s))));
        }
        return leads.OrderByDescending(l => l.RecordedAt).ThenByDescending(l => l.Id).Select(l => new SalesLeadDto(l.Id,
            l.CustomerId, db.Customers.Where(c => c.Id == l.CustomerId).Select(c => c.Name).First(),
            db.Customers.Where(c => c.Id == l.CustomerId).Select(c => c.Phone).First(),
            l.SiteId, db.Sites.Where(s => s.Id == l.SiteId).Select(s => s.Name).FirstOrDefault(), l.Wants, l.EstimatedValue,
            l.RegionId, db.Regions.Where(r => r.Id == l.RegionId).Select(r => r.Name).First(),
            l.RecordedById, db.Staff.Where(s => s.Id == l.RecordedById).Select(s => s.Name).First(), l.RecordedAt, l.State.ToString(),
            db.Staff.Where(s => s.Id == l.HandledById).Select(s => s.Name).FirstOrDefault(), l.HandledAt, l.OutcomeNote, l.OrderValue, l.ClosedAt,
            l.Reward, l.RewardPolicyVersion, l.RewardGrantedAt, l.Version));
    }

    public async Task<SalesLeadDto> GetAsync(int id) => await Query(null, null, id).SingleOrDefaultAsync() ?? throw new NotFoundException();

    public async Task<LeadPermissions> PermissionsAsync(int id)
    {
        var scope = Scope;
        var lead = await Visible(db, scope).AsNoTracking().SingleOrDefaultAsync(l => l.Id == id) ?? throw new NotFoundException();
        var range = (await policies.InForceAsync()).Document.SalesLead;
        var may = MayProgress(scope, lead);
        return new LeadPermissions(may && lead.IsOpen, may && lead.State == SalesLeadState.Won && lead.Reward is null && lead.RecordedById != scope.StaffId,
            range.RewardMin, range.RewardMax);
    }

    /// <summary>HR-4: recorded from a customer the person may read; it lands in the customer's region, with that region's managers.</summary>
    public async Task<int> RecordAsync(SalesLeadInput input)
    {
        var scope = Scope;
        var customer = await db.Customers(scope).AsNoTracking().Where(c => c.Id == input.CustomerId).Select(c => new { c.Id, c.RegionId }).SingleOrDefaultAsync()
            ?? throw new DomainException("SalesLeadCustomerNotFound") { Field = nameof(SalesLeadInput.CustomerId) };
        if (input.SiteId is { } siteId && !await db.Sites.AnyAsync(s => s.Id == siteId && s.CustomerId == customer.Id))
            throw new DomainException("SalesLeadSiteNotCustomers") { Field = nameof(SalesLeadInput.SiteId) };
        var lead = new SalesLead(customer.Id, customer.RegionId, input.SiteId, input.Wants, input.EstimatedValue, scope.StaffId, clock.GetUtcNow());
        db.SalesLeads.Add(lead);
        await db.SaveChangesAsync();
        await NotifyManagerAsync(lead);
        return lead.Id;
    }

    /// <summary>HR-4: the region's manager is told by text message (through the outbox); the lead waits in their list either way.</summary>
    private async Task NotifyManagerAsync(SalesLead lead)
    {
        var manager = await db.Regions.Where(r => r.Id == lead.RegionId)
            .Select(r => db.Staff.FirstOrDefault(s => s.Id == r.ManagerId && s.IsActive)).SingleOrDefaultAsync();
        if (manager is null) return;
        var technician = await db.Staff.Where(s => s.Id == lead.RecordedById).Select(s => s.Name).SingleAsync();
        var customer = await db.Customers.Where(c => c.Id == lead.CustomerId).Select(c => c.Name).SingleAsync();
        var body = OutboxMessage.Fit(string.Format(Chinese, Texts.GetString("Sms.LeadRecorded", Chinese)!, lead.Number, technician, customer, lead.Wants));
        db.Outbox.Add(new OutboxMessage(RecipientKind.Staff, manager.Name, manager.Phone, "SalesLead", body, clock.GetUtcNow(), nameof(SalesLead), lead.Id));
        await db.SaveChangesAsync();
    }

    public async Task ProgressAsync(int id, SalesLeadProgress step)
    {
        var scope = Scope;
        var lead = await Visible(db, scope).SingleOrDefaultAsync(l => l.Id == id) ?? throw new NotFoundException();
        if (!MayProgress(scope, lead)) throw new ForbiddenException();
        db.ExpectVersion(lead, step.Version);
        var now = clock.GetUtcNow();
        switch (step.Action?.Trim().ToLowerInvariant())
        {
            case "forward": lead.Forward(scope.StaffId, now); break;
            case "contacted": lead.MarkContacted(scope.StaffId, now); break;
            case "won": lead.Win(step.OrderValue, step.Note, scope.StaffId, now); break;
            case "lost": lead.Lose(step.Note, scope.StaffId, now); break;
            case "reward":
                // POL-1: the amount is bounded by, and names, the version in force when it is granted.
                var policy = (await policies.ResolverAsync())(now);
                lead.GrantReward(step.Reward, policy.Document.SalesLead.RewardMin, policy.Document.SalesLead.RewardMax, policy.Version, scope.StaffId, now);
                break;
            default: throw new DomainException("SalesLeadActionUnknown") { Field = nameof(SalesLeadProgress.Action) };
        }
        await db.SaveChangesAsync();
    }
}
