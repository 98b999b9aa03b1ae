using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Organization;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Regions;

public sealed record RegionDto(int Id, string Code, string Name, string City, int? ManagerId, string? ManagerName,
    int? DeputyManagerId, string? DeputyManagerName, int Version);

public sealed record RegionInput(string Code, string Name, string City, int? ManagerId, int? DeputyManagerId, int Version = 0);

/// <summary>Regions: readable by everyone signed in, changed by administrators and the GM.</summary>
public static class RegionsApi
{
    public static IEndpointRouteBuilder MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/regions").WithTags("Regions");
        api.MapGet("/", async (AppDbContext db, string? q, int page = 1, int pageSize = Paged<RegionDto>.DefaultPageSize) =>
            TypedResults.Ok(await Paged<RegionDto>.FromAsync(Query(db, q), page, pageSize)));
        api.MapGet("/{id:int}", async Task<Results<Ok<RegionDto>, NotFound>> (int id, AppDbContext db) =>
            await Query(db, null, id).SingleOrDefaultAsync() is { } region ? TypedResults.Ok(region) : TypedResults.NotFound());
        api.MapPost("/", async (RegionInput input, RegionService regions) =>
        {
            var id = await regions.SaveAsync(null, input);
            return TypedResults.Created($"/api/regions/{id}", await regions.GetAsync(id));
        }).RequireAuthorization(Policies.ManageRegions);
        api.MapPut("/{id:int}", async (int id, RegionInput input, RegionService regions) =>
        {
            await regions.SaveAsync(id, input);
            return TypedResults.Ok(await regions.GetAsync(id));
        }).RequireAuthorization(Policies.ManageRegions);
        return app;
    }

    internal static IQueryable<RegionDto> Query(AppDbContext db, string? search, int? id = null)
    {
        var regions = db.Regions.AsNoTracking();
        if (id is not null) regions = regions.Where(r => r.Id == id);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            regions = regions.Where(r => r.Code.Contains(s.ToUpper()) || r.Name.Contains(s) || r.City.Contains(s));
        }
        return regions.OrderBy(r => r.Code).Select(r => new RegionDto(r.Id, r.Code, r.Name, r.City,
            r.ManagerId, db.Staff.Where(s => s.Id == r.ManagerId).Select(s => s.Name).FirstOrDefault(),
            r.DeputyManagerId, db.Staff.Where(s => s.Id == r.DeputyManagerId).Select(s => s.Name).FirstOrDefault(),
            r.Version));
    }
}

/// <summary>Creating and changing a region, shared by the page and the API so both apply the same rules.</summary>
public sealed class RegionService(AppDbContext db)
{
    public async Task<RegionDto> GetAsync(int id) =>
        await RegionsApi.Query(db, null, id).SingleOrDefaultAsync() ?? throw new NotFoundException();

    public async Task<int> SaveAsync(int? id, RegionInput input)
    {
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        if (await db.Regions.AnyAsync(r => r.Code == code && r.Id != id))
            throw new DomainException("CodeTaken", code) { Field = nameof(RegionInput.Code) };
        Region region;
        if (id is null)
        {
            region = new Region(input.Code ?? "", input.Name ?? "", input.City ?? "");
            db.Regions.Add(region);
        }
        else
        {
            region = await db.Regions.SingleOrDefaultAsync(r => r.Id == id) ?? throw new NotFoundException();
            db.ExpectVersion(region, input.Version);
            region.Rename(input.Code ?? "", input.Name ?? "", input.City ?? "");
        }
        await CheckManagerAsync(input.ManagerId, nameof(RegionInput.ManagerId));
        await CheckManagerAsync(input.DeputyManagerId, nameof(RegionInput.DeputyManagerId));
        region.AppointManagers(input.ManagerId, input.DeputyManagerId);
        await db.SaveChangesAsync();
        return region.Id;
    }

    private async Task CheckManagerAsync(int? staffId, string field)
    {
        if (staffId is not null && !await db.Staff.AnyAsync(s => s.Id == staffId && s.IsActive))
            throw new DomainException("StaffNotFound") { Field = field };
    }
}
