using AfterSales.Data;
using AfterSales.Domain.People;
using AfterSales.Features.Assessment;
using AfterSales.Features.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Conduct;

public sealed record AcknowledgementStatusDto(string PolicyVersion, string PolicyName, int? PolicyVersionId, DateOnly? EffectiveFrom,
    bool Acknowledged, DateTimeOffset? AcknowledgedAt);

public sealed record PendingPersonDto(int StaffId, string StaffNumber, string Name, string Role, int? RegionId, string? RegionName);

public sealed record PendingAcknowledgementsDto(string PolicyVersion, string PolicyName, int People, int Acknowledged, IReadOnlyList<PendingPersonDto> Pending);

/// <summary>
/// HR-5, POL-1: every person acknowledges each version of the policy in force (the conduct rules with it), once; the
/// managers see who in their region has not, head office everyone.
/// </summary>
public sealed class AcknowledgementService(AppDbContext db, IHttpContextAccessor http, TimeProvider clock, PolicyBook policies)
{
    private AccessScope Scope => AccessScope.From(http.HttpContext!.User);

    /// <summary>The version in force and, when it was approved in the system, its row (the shipped one has none).</summary>
    public async Task<(string Label, string Name, int? Id, DateOnly? EffectiveFrom, string Text)> InForceAsync()
    {
        var policy = await policies.InForceAsync();
        if (policy.Version == PolicyBook.ShippedLabel)
            return (policy.Version, policy.Document.Name, null, null, Domain.Assessment.PolicyDocument.DefaultText());
        var number = int.Parse(policy.Version, System.Globalization.CultureInfo.InvariantCulture);
        var row = await db.PolicyVersions.AsNoTracking().Where(v => v.Number == number).Select(v => new { v.Id, v.Name, v.EffectiveFrom, v.Text }).SingleAsync();
        return (policy.Version, row.Name, row.Id, row.EffectiveFrom, row.Text);
    }

    public async Task<AcknowledgementStatusDto> StatusAsync()
    {
        var (label, name, id, from, _) = await InForceAsync();
        var staffId = Scope.StaffId;
        var at = await db.PolicyAcknowledgements.AsNoTracking().Where(a => a.StaffId == staffId && a.PolicyVersion == label)
            .Select(a => (DateTimeOffset?)a.AcknowledgedAt).SingleOrDefaultAsync();
        return new AcknowledgementStatusDto(label, name, id, from, at is not null, at);
    }

    /// <summary>Once per person and version: a second tap (or a second instance) changes nothing.</summary>
    public async Task<AcknowledgementStatusDto> AcknowledgeAsync()
    {
        var status = await StatusAsync();
        if (status.Acknowledged) return status;
        db.PolicyAcknowledgements.Add(new PolicyAcknowledgement(Scope.StaffId, status.PolicyVersion, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The unique (person, version): another request acknowledged it first.
            db.ChangeTracker.Clear();
        }
        return await StatusAsync();
    }

    /// <summary>The active people the reader may see who have not acknowledged the version in force, by region.</summary>
    public async Task<PendingAcknowledgementsDto> PendingAsync(int? regionId = null)
    {
        var (label, name, _, _, _) = await InForceAsync();
        var people = db.Staff(Scope).AsNoTracking().Where(s => s.IsActive);
        if (regionId is not null) people = people.Where(s => s.RegionId == regionId);
        var total = await people.CountAsync();
        var pending = await people.Where(s => !db.PolicyAcknowledgements.Any(a => a.StaffId == s.Id && a.PolicyVersion == label))
            .OrderBy(s => s.RegionId).ThenBy(s => s.StaffNumber)
            .Select(s => new { s.Id, s.StaffNumber, s.Name, s.Role, s.RegionId, Region = db.Regions.Where(r => r.Id == s.RegionId).Select(r => r.Name).FirstOrDefault() })
            .ToListAsync();
        return new PendingAcknowledgementsDto(label, name, total, total - pending.Count,
            [.. pending.Select(p => new PendingPersonDto(p.Id, p.StaffNumber, p.Name, p.Role.ToString(), p.RegionId, p.Region))]);
    }
}
