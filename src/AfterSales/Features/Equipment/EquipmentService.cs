using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Catalog;
using AfterSales.Domain.Customers;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Equipment;

public sealed record EquipmentDto(int Id, string SerialNumber, int ProductId, string ProductCode, string ProductName, string Kind,
    string? Model, int SiteId, string SiteName, string City, string Address, decimal? Latitude, decimal? Longitude,
    int CustomerId, string CustomerName, DateOnly? InstalledOn, DateOnly? WarrantyEnd, bool UnderWarranty, int Version)
{
    /// <summary>The address, with the city in front unless the address already starts with it.</summary>
    public string Place => PlaceOf(City, Address);

    internal static string PlaceOf(string city, string address) =>
        address.StartsWith(city, StringComparison.Ordinal) ? address : $"{city} · {address}";
}

public sealed record EquipmentInput(string? SerialNumber, int ProductId, int SiteId, string? Kind, string? Model,
    DateOnly? InstalledOn, DateOnly? WarrantyEnd, int Version = 0);

/// <summary>Filters of the equipment list, the same on the page and in the API. <c>Warranty</c> is "active" or "expired".</summary>
public sealed record EquipmentFilter(string? Q = null, string? Kind = null, int? ProductId = null, string? Warranty = null, int? CustomerId = null);

public sealed record NearbyEquipmentDto(double DistanceKm, EquipmentDto Equipment);

/// <summary>A site the user may put equipment at, for the form's choice.</summary>
public sealed record SiteOption(int Id, int CustomerId, string CustomerName, string SiteName, string City, string Address)
{
    /// <summary>The address, with the city in front unless the address already starts with it.</summary>
    public string Place => EquipmentDto.PlaceOf(City, Address);
}

/// <summary>What a change came to: saved, or refused because the user may see the record but not change it (403).</summary>
public readonly record struct EditOutcome(int Id, bool Denied)
{
    public static EditOutcome Forbidden => new(0, true);
}

/// <summary>
/// Installed equipment, shared by the pages and the API. Who may see or change a unit follows its site's customer
/// (SEC-2): lists go through <see cref="ScopedQueries.Equipment"/>, single records through the
/// <see cref="CustomerOwnership"/> authorization handler; a unit the user may not see does not exist for them.
/// </summary>
public sealed class EquipmentService(AppDbContext db, IAuthorizationService authorization, LocalTime time)
{
    private const int SerialMax = 60, KindMax = 50, ModelMax = 100;
    public const double MaxRadiusKm = 500;
    public const int MaxNearby = 200;
    private const double EarthRadiusKm = 6371.0088;

    public IQueryable<EquipmentDto> Query(AccessScope scope, EquipmentFilter filter)
    {
        var equipment = db.Equipment(scope).AsNoTracking();
        if (filter.Kind is { Length: > 0 } kind) equipment = equipment.Where(e => e.Kind == kind.Trim());
        if (filter.ProductId is { } productId) equipment = equipment.Where(e => e.ProductId == productId);
        var today = time.Today;
        switch (filter.Warranty?.Trim().ToLowerInvariant())
        {
            case null or "":
                break;
            case "active":
                equipment = equipment.Where(e => e.WarrantyEnd != null && e.WarrantyEnd >= today);
                break;
            case "expired":
                equipment = equipment.Where(e => e.WarrantyEnd != null && e.WarrantyEnd < today);
                break;
            default:
                throw new DomainException("UnknownFilterValue", filter.Warranty) { Field = "Warranty" };
        }
        var rows = Join(equipment);
        if (filter.CustomerId is { } customerId) rows = rows.Where(r => r.Site.CustomerId == customerId);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim().ToLower();
            var serial = filter.Q.Trim().ToUpperInvariant();
            rows = rows.Where(r => r.Equipment.SerialNumber.Contains(serial) || (r.Equipment.Model != null && r.Equipment.Model.ToLower().Contains(q))
                || r.Equipment.Kind.ToLower().Contains(q) || r.Customer.Name.ToLower().Contains(q) || r.Site.City.ToLower().Contains(q));
        }
        return Project(rows.OrderBy(r => r.Equipment.SerialNumber));
    }

    /// <summary>The unit, or 404 when it does not exist or the user may not see it.</summary>
    public async Task<EquipmentDto> GetAsync(ClaimsPrincipal user, int id)
    {
        var owner = await OwnerOfEquipmentAsync(id);
        if (owner is null || !await MayAsync(user, owner, Operations.Read)) throw new NotFoundException();
        return await Project(Join(db.Equipment.AsNoTracking().Where(e => e.Id == id))).SingleAsync();
    }

    /// <summary>Whether the user may change the unit; 404 when they may not even see it.</summary>
    public async Task<bool> MayEditAsync(ClaimsPrincipal user, int id)
    {
        var owner = await OwnerOfEquipmentAsync(id);
        if (owner is null || !await MayAsync(user, owner, Operations.Read)) throw new NotFoundException();
        return await MayAsync(user, owner, Operations.Edit);
    }

    /// <summary>A site for a new unit: 404 when the user may not see it; <c>null</c> when they may see but not change it.</summary>
    public async Task<SiteOption?> SiteForNewAsync(ClaimsPrincipal user, int siteId)
    {
        var owner = await OwnerOfSiteAsync(siteId);
        if (owner is null || !await MayAsync(user, owner, Operations.Read)) throw new NotFoundException();
        if (!await MayAsync(user, owner, Operations.Edit)) return null;
        return await SiteOptions(db.Sites.Where(s => s.Id == siteId)).SingleAsync();
    }

    /// <summary>The sites the user may put equipment at (their customers' sites, if their role edits customers).</summary>
    public async Task<List<SiteOption>> EditableSitesAsync(ClaimsPrincipal user)
    {
        var scope = AccessScope.From(user);
        var candidates = await (from s in db.Sites(scope)
                                join c in db.Customers on s.CustomerId equals c.Id
                                orderby c.Name, s.Name, s.Id
                                select new { s.Id, c.RegionId, c.TechnicianId }).ToListAsync();
        var allowed = new HashSet<int>();
        foreach (var site in candidates)
            if (await MayAsync(user, new CustomerOwnership(site.RegionId, site.TechnicianId), Operations.Edit)) allowed.Add(site.Id);
        if (allowed.Count == 0) return [];
        var options = await SiteOptions(db.Sites(scope)).ToListAsync();
        return options.Where(o => allowed.Contains(o.Id)).ToList();
    }

    /// <summary>Whether the user may put equipment at any site at all (stops at the first one).</summary>
    public async Task<bool> MayAddAnyAsync(ClaimsPrincipal user)
    {
        var owners = db.Customers(AccessScope.From(user)).Where(c => c.Sites.Any())
            .Select(c => new { c.RegionId, c.TechnicianId }).Distinct().AsAsyncEnumerable();
        await foreach (var owner in owners)
            if (await MayAsync(user, new CustomerOwnership(owner.RegionId, owner.TechnicianId), Operations.Edit)) return true;
        return false;
    }

    public async Task<EditOutcome> SaveAsync(ClaimsPrincipal user, int? id, EquipmentInput input)
    {
        if (id is null) CheckLength(input.SerialNumber, SerialMax, nameof(EquipmentInput.SerialNumber));
        CheckLength(input.Kind, KindMax, nameof(EquipmentInput.Kind));
        CheckLength(input.Model, ModelMax, nameof(EquipmentInput.Model));

        InstalledEquipment? equipment = null;
        if (id is not null)
        {
            equipment = await db.Equipment.SingleOrDefaultAsync(e => e.Id == id) ?? throw new NotFoundException();
            var owner = await OwnerOfSiteAsync(equipment.SiteId);
            if (owner is null || !await MayAsync(user, owner, Operations.Read)) throw new NotFoundException();
            if (!await MayAsync(user, owner, Operations.Edit)) return EditOutcome.Forbidden;
        }

        if (input.SiteId <= 0) throw new DomainException("Required") { Field = nameof(EquipmentInput.SiteId) };
        if (equipment is null || equipment.SiteId != input.SiteId)
        {
            var siteOwner = await OwnerOfSiteAsync(input.SiteId);
            if (siteOwner is null || !await MayAsync(user, siteOwner, Operations.Read))
                throw new DomainException("SiteNotFound") { Field = nameof(EquipmentInput.SiteId) };
            if (!await MayAsync(user, siteOwner, Operations.Edit)) return EditOutcome.Forbidden;
        }

        if (input.ProductId <= 0) throw new DomainException("Required") { Field = nameof(EquipmentInput.ProductId) };
        var product = await db.Products.AsNoTracking().Where(p => p.Id == input.ProductId)
            .Select(p => new { p.Code, p.Category, p.EquipmentKind, p.Model, p.IsActive }).SingleOrDefaultAsync()
            ?? throw new DomainException("ProductNotFound") { Field = nameof(EquipmentInput.ProductId) };
        if (!product.IsActive && equipment?.ProductId != input.ProductId)
            throw new DomainException("ProductDiscontinued", product.Code) { Field = nameof(EquipmentInput.ProductId) };
        // Left empty, the kind and model are the product's (a 卷压设备 product makes 卷压设备 units).
        var kind = string.IsNullOrWhiteSpace(input.Kind) ? product.EquipmentKind ?? product.Category : input.Kind;
        var model = string.IsNullOrWhiteSpace(input.Model) ? product.Model : input.Model;

        if (equipment is null)
        {
            equipment = new InstalledEquipment(input.SerialNumber ?? "", input.ProductId, input.SiteId, kind, model, input.InstalledOn, input.WarrantyEnd);
            var serial = equipment.SerialNumber;
            if (await db.Equipment.AnyAsync(e => e.SerialNumber == serial))
                throw new DomainException("SerialTaken", serial) { Field = nameof(EquipmentInput.SerialNumber) };
            db.Equipment.Add(equipment);
        }
        else
        {
            db.ExpectVersion(equipment, input.Version);
            equipment.Update(input.ProductId, input.SiteId, kind, model, input.InstalledOn, input.WarrantyEnd);
        }
        await db.SaveChangesAsync();
        return new EditOutcome(equipment.Id, false);
    }

    /// <summary>
    /// The company's equipment within <paramref name="radiusKm"/> of a point, nearest first (WO-10), among what the
    /// user may see. The database narrows to a bounding box; the exact great-circle distance is computed here so
    /// both databases give the same answer.
    /// </summary>
    public async Task<List<NearbyEquipmentDto>> NearAsync(AccessScope scope, double? lat, double? lng, double radiusKm, int limit = 50, int? exceptId = null)
    {
        if (lat is null || lng is null) throw new DomainException("CoordinatesRequired") { Field = lat is null ? "Lat" : "Lng" };
        if (lat is < -90 or > 90) throw new DomainException("LatitudeOutOfRange") { Field = "Lat" };
        if (lng is < -180 or > 180) throw new DomainException("LongitudeOutOfRange") { Field = "Lng" };
        if (radiusKm is <= 0 or > MaxRadiusKm || double.IsNaN(radiusKm)) throw new DomainException("RadiusOutOfRange", 0, MaxRadiusKm) { Field = "RadiusKm" };
        limit = Math.Clamp(limit, 1, MaxNearby);

        var latDelta = radiusKm / EarthRadiusKm * 180 / Math.PI;
        var minLat = (decimal)Math.Max(-90, lat.Value - latDelta);
        var maxLat = (decimal)Math.Min(90, lat.Value + latDelta);
        var candidates = db.Equipment(scope).AsNoTracking();
        if (exceptId is { } except) candidates = candidates.Where(e => e.Id != except);
        var rows = Join(candidates).Where(r => r.Site.Latitude != null && r.Site.Longitude != null
            && r.Site.Latitude >= minLat && r.Site.Latitude <= maxLat);
        // Longitude degrees shrink towards the poles: size the box at the box's pole-ward edge. Near a pole or the
        // 180° meridian the box would wrap, so there only the latitude band is used.
        var poleward = Math.Abs(lat.Value) + latDelta;
        if (poleward < 89)
        {
            var lngDelta = latDelta / Math.Cos(poleward * Math.PI / 180);
            if (lng.Value - lngDelta >= -180 && lng.Value + lngDelta <= 180)
            {
                var minLng = (decimal)(lng.Value - lngDelta);
                var maxLng = (decimal)(lng.Value + lngDelta);
                rows = rows.Where(r => r.Site.Longitude >= minLng && r.Site.Longitude <= maxLng);
            }
        }
        var found = await Project(rows).ToListAsync();
        return found
            .Select(e => new NearbyEquipmentDto(Math.Round(DistanceKm(lat.Value, lng.Value, (double)e.Latitude!.Value, (double)e.Longitude!.Value), 3), e))
            .Where(n => n.DistanceKm <= radiusKm)
            .OrderBy(n => n.DistanceKm).ThenBy(n => n.Equipment.SerialNumber)
            .Take(limit)
            .ToList();
    }

    /// <summary>Great-circle distance by the haversine formula.</summary>
    public static double DistanceKm(double lat1, double lng1, double lat2, double lng2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLng = Radians(lng2 - lng1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>A unit with its product, site and customer, for filtering before the shape of the answer is chosen.</summary>
    private sealed class Row
    {
        public required InstalledEquipment Equipment { get; init; }
        public required Product Product { get; init; }
        public required Site Site { get; init; }
        public required Customer Customer { get; init; }
    }

    private IQueryable<Row> Join(IQueryable<InstalledEquipment> equipment) =>
        from e in equipment
        join p in db.Products on e.ProductId equals p.Id
        join s in db.Sites on e.SiteId equals s.Id
        join c in db.Customers on s.CustomerId equals c.Id
        select new Row { Equipment = e, Product = p, Site = s, Customer = c };

    private IQueryable<EquipmentDto> Project(IQueryable<Row> rows)
    {
        var today = time.Today;
        return rows.Select(r => new EquipmentDto(r.Equipment.Id, r.Equipment.SerialNumber, r.Product.Id, r.Product.Code, r.Product.Name,
            r.Equipment.Kind, r.Equipment.Model, r.Site.Id, r.Site.Name, r.Site.City, r.Site.Address, r.Site.Latitude, r.Site.Longitude,
            r.Customer.Id, r.Customer.Name, r.Equipment.InstalledOn, r.Equipment.WarrantyEnd,
            r.Equipment.WarrantyEnd != null && r.Equipment.WarrantyEnd >= today, r.Equipment.Version));
    }

    private IQueryable<SiteOption> SiteOptions(IQueryable<Site> sites) =>
        from s in sites
        join c in db.Customers on s.CustomerId equals c.Id
        orderby c.Name, s.Name, s.Id
        select new SiteOption(s.Id, c.Id, c.Name, s.Name, s.City, s.Address);

    private Task<CustomerOwnership?> OwnerOfEquipmentAsync(int id) =>
        (from e in db.Equipment
         join s in db.Sites on e.SiteId equals s.Id
         join c in db.Customers on s.CustomerId equals c.Id
         where e.Id == id
         select new CustomerOwnership(c.RegionId, c.TechnicianId)).SingleOrDefaultAsync();

    private Task<CustomerOwnership?> OwnerOfSiteAsync(int siteId) =>
        (from s in db.Sites
         join c in db.Customers on s.CustomerId equals c.Id
         where s.Id == siteId
         select new CustomerOwnership(c.RegionId, c.TechnicianId)).SingleOrDefaultAsync();

    private async Task<bool> MayAsync(ClaimsPrincipal user, CustomerOwnership owner, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, owner, operation)).Succeeded;

    private static void CheckLength(string? value, int max, string field)
    {
        if (value is not null && value.Trim().Length > max) throw new DomainException("TextTooLong", max) { Field = field };
    }
}
