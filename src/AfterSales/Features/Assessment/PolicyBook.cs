using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Assessment;

/// <summary>
/// The policy versions (POL-1): drafts, submission, the general manager's approval with an effective date, and which
/// version is in force at any instant — the approved one with the latest effective day on or before it; before any
/// approval, the document shipped with the system (version "0").
/// </summary>
public sealed class PolicyBook(AppDbContext db, IHttpContextAccessor http, TimeProvider clock, LocalTime local, IStringLocalizer<ErrorText> errors)
{
    public const string ShippedLabel = "0";

    public TimeZoneInfo Zone => local.Zone;
    private List<(DateOnly From, int Number, PolicyInForce Policy)>? _approved;

    /// <summary>Every approved version, read once per request and kept parsed.</summary>
    public async Task<Func<DateTimeOffset, PolicyInForce>> ResolverAsync(CancellationToken ct = default)
    {
        _approved ??= (await db.PolicyVersions.AsNoTracking().Where(v => v.State == PolicyVersionState.Approved).ToListAsync(ct))
            .Select(v => (v.EffectiveFrom!.Value, v.Number, new PolicyInForce(v.Label, v.Document())))
            .OrderByDescending(v => v.Value).ThenByDescending(v => v.Number).ToList();
        var shipped = new PolicyInForce(ShippedLabel, PolicyDocument.Default());
        var approved = _approved;
        return at =>
        {
            var day = Day(at);
            foreach (var (from, _, policy) in approved)
                if (from <= day) return policy;
            return shipped;
        };
    }

    /// <summary>Every version in force at some time from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<PolicyDocument>> InForceAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await ResolverAsync(ct);
        var (first, last) = (Day(from), Day(to));
        var documents = new List<PolicyDocument>();
        foreach (var (effective, _, policy) in _approved!)
        {
            if (effective > last) continue;
            documents.Add(policy.Document);
            if (effective <= first) return documents;
        }
        documents.Add(PolicyDocument.Default());
        return documents;
    }

    /// <summary>The site's local day of an instant: a version is in force from its effective day on.</summary>
    private DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(local.ToLocal(at).DateTime);

    public async Task<Assessor> AssessorAsync(CancellationToken ct = default) => new(await ResolverAsync(ct), local.Zone);

    /// <summary>Each error of a document, in the reader's language, with its field: for the editor page and the API.</summary>
    public IReadOnlyList<(string Path, string Message)> Check(string? text) =>
        PolicyDocument.Parse(text).Errors.Select(e => (e.Path, DomainExceptionHandler.Format(errors, e.Code, e.Arguments))).ToList();

    public Task<List<PolicyVersion>> ListAsync() => db.PolicyVersions.AsNoTracking().OrderByDescending(v => v.Number).ToListAsync();

    public async Task<PolicyVersion> GetAsync(int id) =>
        await db.PolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id) ?? throw new NotFoundException();

    /// <summary>The version in force today (for the people who must follow it, HR-5).</summary>
    public async Task<PolicyInForce> InForceAsync() => (await ResolverAsync())(clock.GetUtcNow());

    /// <summary>A new draft, from the given text or from the version in force.</summary>
    public async Task<int> DraftAsync(string? text)
    {
        var scope = RequireEditor();
        var number = (await db.PolicyVersions.MaxAsync(v => (int?)v.Number) ?? 0) + 1;
        text ??= await db.PolicyVersions.Where(v => v.State == PolicyVersionState.Approved).OrderByDescending(v => v.EffectiveFrom)
            .ThenByDescending(v => v.Number).Select(v => v.Text).FirstOrDefaultAsync() ?? PolicyDocument.DefaultText();
        ThrowIfInvalid(text);
        var version = new PolicyVersion(number, text, scope.StaffId, clock.GetUtcNow());
        db.PolicyVersions.Add(version);
        await db.SaveChangesAsync();
        return version.Id;
    }

    public Task EditAsync(int id, int version, string? text) => ChangeAsync(id, version, RequireEditor, v =>
    {
        ThrowIfInvalid(text);
        v.Edit(text!);
    });

    public Task SubmitAsync(int id, int version) => ChangeAsync(id, version, RequireEditor, v => v.Submit(clock.GetUtcNow()));

    public Task ApproveAsync(int id, int version, DateOnly effectiveFrom) =>
        ChangeAsync(id, version, RequireApprover, v => v.Approve(Scope.StaffId, clock.GetUtcNow(), effectiveFrom, local.Today));

    public Task RejectAsync(int id, int version, string? note) =>
        ChangeAsync(id, version, RequireApprover, v => v.Reject(Scope.StaffId, clock.GetUtcNow(), note));

    private async Task ChangeAsync(int id, int version, Func<AccessScope> require, Action<PolicyVersion> change)
    {
        require();
        var entity = await db.PolicyVersions.SingleOrDefaultAsync(v => v.Id == id) ?? throw new NotFoundException();
        db.ExpectVersion(entity, version);
        change(entity);
        await db.SaveChangesAsync();
    }

    /// <summary>The first error, beside the text field, in full (the page lists them all).</summary>
    private void ThrowIfInvalid(string? text)
    {
        var first = PolicyDocument.Parse(text).Errors.FirstOrDefault();
        if (first is not null)
            throw new DomainException("PolicyInvalid", first.Path, DomainExceptionHandler.Format(errors, first.Code, first.Arguments)) { Field = "Text" };
    }

    private AccessScope Scope => AccessScope.From(http.HttpContext!.User);

    private AccessScope RequireEditor() => Policies.Allows(Policies.EditPolicy, Scope.Role) ? Scope : throw new ForbiddenException();

    private AccessScope RequireApprover() => Policies.Allows(Policies.ApprovePolicy, Scope.Role) ? Scope : throw new ForbiddenException("OnlyGeneralManagerApproves");
}
