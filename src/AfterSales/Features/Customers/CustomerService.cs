using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Customers;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Customers;

/// <summary>
/// Reading and changing customers, their sites and site contacts — shared by the pages and the API so both apply
/// the same rules. Who may read or edit a customer is decided by <see cref="RecordAuthorizationHandler"/>;
/// a customer the caller may not read is "not found" (404), one they may read but not change is forbidden (403).
/// </summary>
public sealed class CustomerService(AppDbContext db, IAuthorizationService authorization, IHttpContextAccessor http)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("CustomerService needs a signed-in request.");

    public AccessScope Scope => AccessScope.From(User);

    /// <summary>
    /// Who may set or change a customer's own technician (WO-4). For now managers, the GM and administrators do
    /// it directly; the approval workflow for a change of technician comes later.
    /// </summary>
    public static bool MayAssignTechnician(AccessScope scope) =>
        scope.Role is StaffRole.RegionalManager or StaffRole.DeputyManager or StaffRole.GeneralManager or StaffRole.Administrator;

    /// <summary>Technicians keep their customers where they are; others may move them between the regions they see.</summary>
    public static bool MayChangeRegion(AccessScope scope) => !scope.SeesOnlyOwnWork;

    public static bool MayCreate(AccessScope scope) => !scope.IsReadOnly && Policies.Allows(Policies.EditCustomers, scope.Role);

    // ---- reading -------------------------------------------------------------------------------------------

    /// <summary>The customers the caller sees (SEC-2), searched and filtered, ordered by code.</summary>
    public IQueryable<CustomerDto> Query(string? search, int? regionId, int? technicianId)
    {
        var customers = db.Customers(Scope).AsNoTracking();
        if (regionId is not null) customers = customers.Where(c => c.RegionId == regionId);
        if (technicianId is not null) customers = customers.Where(c => c.TechnicianId == technicianId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim().ToLowerInvariant();
            var code = search.Trim().ToUpperInvariant();
            // Phones are stored as digits; people type them with spaces, dashes or +86.
            var digits = new string(search.Where(char.IsAsciiDigit).ToArray());
            var looksLikePhone = digits.Length >= 3 && search.Trim().All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '-' or '+' or '(' or ')');
            var phone = looksLikePhone ? ChinesePhone.TryNormalizeMobile(search) ?? digits : text;
            customers = customers.Where(c =>
                c.Code.Contains(code)
                || c.Name.ToLower().Contains(text)
                || c.Phone.Contains(phone)
                || c.Sites.Any(s => s.City.ToLower().Contains(text) || s.Address.ToLower().Contains(text)
                    || s.Contacts.Any(k => k.Phone.Contains(phone))));
        }
        return customers.OrderBy(c => c.Code).Select(c => new CustomerDto(c.Id, c.Code, c.Name, c.Phone, c.RegionId,
            db.Regions.Where(r => r.Id == c.RegionId).Select(r => r.Name).FirstOrDefault() ?? "",
            c.TechnicianId, db.Staff.Where(s => s.Id == c.TechnicianId).Select(s => s.Name).FirstOrDefault(),
            c.SoldBy, c.Notes,
            c.Sites.OrderBy(s => s.Id).Select(s => s.City).FirstOrDefault(),
            c.Sites.OrderBy(s => s.Id).Select(s => s.Address).FirstOrDefault(),
            c.Sites.Count(), c.Version));
    }

    /// <summary>One customer with sites and contacts; <see cref="NotFoundException"/> unless the caller may read it.</summary>
    public async Task<CustomerDetailsDto> GetAsync(int id)
    {
        var c = await db.Customers.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id, c.Code, c.Name, c.Phone, c.RegionId, c.TechnicianId, c.SoldBy, c.Notes, c.Version,
                RegionName = db.Regions.Where(r => r.Id == c.RegionId).Select(r => r.Name).FirstOrDefault(),
                Technician = db.Staff.Where(s => s.Id == c.TechnicianId).Select(s => new { s.Name, s.Phone }).FirstOrDefault(),
            })
            .SingleOrDefaultAsync() ?? throw new NotFoundException();
        if (!await AllowedAsync(new CustomerOwnership(c.RegionId, c.TechnicianId), Operations.Read)) throw new NotFoundException();
        var sites = await db.Sites.AsNoTracking().Include(s => s.Contacts).Where(s => s.CustomerId == id).OrderBy(s => s.Id).ToListAsync();
        return new CustomerDetailsDto(c.Id, c.Code, c.Name, c.Phone, c.RegionId, c.RegionName ?? "", c.TechnicianId,
            c.Technician?.Name, c.Technician?.Phone, c.SoldBy, c.Notes, c.Version, sites.Select(ToDto).ToList());
    }

    public async Task<SiteDto> GetSiteAsync(int customerId, int siteId) =>
        (await GetAsync(customerId)).Sites.SingleOrDefault(s => s.Id == siteId) ?? throw new NotFoundException();

    public async Task<ContactDto> GetContactAsync(int customerId, int siteId, int contactId) =>
        (await GetSiteAsync(customerId, siteId)).Contacts.SingleOrDefault(c => c.Id == contactId) ?? throw new NotFoundException();

    public Task<bool> MayEditAsync(CustomerDetailsDto customer) =>
        AllowedAsync(new CustomerOwnership(customer.RegionId, customer.TechnicianId), Operations.Edit);

    /// <summary>The company's equipment at these sites, as far as the caller may see it.</summary>
    public async Task<List<SiteEquipmentDto>> EquipmentAtAsync(IReadOnlyCollection<int> siteIds) =>
        await db.Equipment(Scope).AsNoTracking()
            .Where(e => siteIds.Contains(e.SiteId))
            .OrderBy(e => e.SerialNumber)
            .Select(e => new SiteEquipmentDto(e.Id, e.SiteId, e.SerialNumber,
                db.Products.Where(p => p.Id == e.ProductId).Select(p => p.Name).FirstOrDefault(),
                e.Kind, e.Model, e.InstalledOn, e.WarrantyEnd))
            .ToListAsync();

    /// <summary>The regions the caller sees: every region for head office, otherwise their own.</summary>
    public async Task<List<Choice>> RegionsAsync()
    {
        var scope = Scope;
        var regions = db.Regions.AsNoTracking();
        if (!scope.SeesAllRegions) regions = regions.Where(r => r.Id == scope.RegionId);
        return await regions.OrderBy(r => r.Code).Select(r => new Choice(r.Id, r.Name, r.Id)).ToListAsync();
    }

    /// <summary>Technicians of the regions the caller sees, for filters and the assignment drop-down.</summary>
    public async Task<List<Choice>> TechniciansAsync(bool activeOnly)
    {
        var regionIds = (await RegionsAsync()).Select(r => r.Id).ToList();
        var technicians = db.Staff.AsNoTracking().Where(s => s.Role == StaffRole.Technician && s.RegionId != null && regionIds.Contains(s.RegionId.Value));
        if (activeOnly) technicians = technicians.Where(s => s.IsActive);
        return await technicians.OrderBy(s => s.StaffNumber)
            .Select(s => new Choice(s.Id, s.Name + " (" + s.StaffNumber + ")", s.RegionId))
            .ToListAsync();
    }

    // ---- changing ------------------------------------------------------------------------------------------

    /// <summary>Creates (<paramref name="id"/> null) or changes a customer; returns its id.</summary>
    public async Task<int> SaveAsync(int? id, CustomerInput input)
    {
        var scope = Scope;
        var regionId = input.RegionId;
        var technicianId = input.TechnicianId;
        Customer? customer = null;
        if (id is null)
        {
            if (!MayCreate(scope)) throw new ForbiddenException("Forbidden");
            if (scope.SeesOnlyOwnWork)
            {
                // A technician's new customer is their own, in their region (WO-4).
                if (regionId != 0 && regionId != scope.RegionId) throw new ForbiddenException("CustomerRegionLocked") { Field = nameof(CustomerInput.RegionId) };
                if (technicianId is not null && technicianId != scope.StaffId) throw new ForbiddenException("CustomerTechnicianLocked") { Field = nameof(CustomerInput.TechnicianId) };
                regionId = scope.RegionId ?? 0;
                technicianId = scope.StaffId;
            }
            else
            {
                await CheckRegionAsync(regionId);
                if (technicianId is not null && !MayAssignTechnician(scope)) throw new ForbiddenException("CustomerTechnicianLocked") { Field = nameof(CustomerInput.TechnicianId) };
            }
        }
        else
        {
            customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == id) ?? throw new NotFoundException();
            await DemandEditAsync(customer);
            db.ExpectVersion(customer, input.Version);
            if (regionId != customer.RegionId)
            {
                if (!MayChangeRegion(scope)) throw new ForbiddenException("CustomerRegionLocked") { Field = nameof(CustomerInput.RegionId) };
                await CheckRegionAsync(regionId);
            }
            if (technicianId != customer.TechnicianId && !MayAssignTechnician(scope))
                throw new ForbiddenException("CustomerTechnicianLocked") { Field = nameof(CustomerInput.TechnicianId) };
        }
        if (technicianId is not null && (technicianId != customer?.TechnicianId || regionId != customer?.RegionId))
            await CheckTechnicianAsync(technicianId.Value, regionId);
        // Whatever was asked, the result must be a customer the caller may still edit.
        if (!await AllowedAsync(new CustomerOwnership(regionId, technicianId), Operations.Edit)) throw new ForbiddenException("Forbidden");

        Limit(input.Name, 100, nameof(CustomerInput.Name));
        Limit(input.SoldBy, 100, nameof(CustomerInput.SoldBy));
        Limit(input.Notes, 2000, nameof(CustomerInput.Notes));
        if (customer is null)
        {
            var code = (input.Code ?? "").Trim().ToUpperInvariant();
            Limit(code, 20, nameof(CustomerInput.Code));
            if (code.Length > 0 && await db.Customers.AnyAsync(c => c.Code == code))
                throw new DomainException("CodeTaken", code) { Field = nameof(CustomerInput.Code) };
            customer = new Customer(code, input.Name ?? "", input.Phone ?? "", regionId);
            db.Customers.Add(customer);
        }
        customer.Update(input.Name ?? "", input.Phone ?? "", regionId, input.SoldBy, input.Notes);
        customer.AssignTechnician(technicianId);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    /// <summary>Adds (<paramref name="siteId"/> null) or changes a site of the customer; returns its id.</summary>
    public async Task<int> SaveSiteAsync(int customerId, int? siteId, SiteInput input)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId) ?? throw new NotFoundException();
        await DemandEditAsync(customer);
        Limit(input.Name, 100, nameof(SiteInput.Name));
        Limit(input.City, 50, nameof(SiteInput.City));
        Limit(input.Address, 300, nameof(SiteInput.Address));
        Site site;
        if (siteId is null)
        {
            site = customer.AddSite(input.Name ?? "", input.City ?? "", input.Address ?? "", input.Latitude, input.Longitude);
        }
        else
        {
            site = await db.Sites.SingleOrDefaultAsync(s => s.Id == siteId && s.CustomerId == customerId) ?? throw new NotFoundException();
            db.ExpectVersion(site, input.Version);
            site.Update(input.Name ?? "", input.City ?? "", input.Address ?? "", input.Latitude, input.Longitude);
        }
        await db.SaveChangesAsync();
        return site.Id;
    }

    /// <summary>Adds (<paramref name="contactId"/> null) or changes someone met at the site; returns their id.</summary>
    public async Task<int> SaveContactAsync(int customerId, int siteId, int? contactId, ContactInput input)
    {
        var site = await LoadSiteForEditAsync(customerId, siteId);
        Limit(input.Name, 100, nameof(ContactInput.Name));
        if (!Enum.IsDefined(input.Trade)) throw new DomainException("Required") { Field = nameof(ContactInput.Trade) };
        SiteContact contact;
        if (contactId is null)
        {
            contact = site.AddContact(input.Name ?? "", input.Phone ?? "", input.Trade);
        }
        else
        {
            contact = site.Contacts.SingleOrDefault(c => c.Id == contactId) ?? throw new NotFoundException();
            db.ExpectVersion(contact, input.Version);
            contact.Update(input.Name ?? "", input.Phone ?? "", input.Trade);
        }
        await db.SaveChangesAsync();
        return contact.Id;
    }

    public async Task RemoveContactAsync(int customerId, int siteId, int contactId)
    {
        var site = await LoadSiteForEditAsync(customerId, siteId);
        var contact = site.Contacts.SingleOrDefault(c => c.Id == contactId) ?? throw new NotFoundException();
        site.RemoveContact(contact);
        await db.SaveChangesAsync();
    }

    // ---- rules ---------------------------------------------------------------------------------------------

    private async Task<Site> LoadSiteForEditAsync(int customerId, int siteId)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId) ?? throw new NotFoundException();
        await DemandEditAsync(customer);
        return await db.Sites.Include(s => s.Contacts).SingleOrDefaultAsync(s => s.Id == siteId && s.CustomerId == customerId)
            ?? throw new NotFoundException();
    }

    /// <summary>Not readable: 404, never a hint that it exists. Readable but not editable: 403.</summary>
    private async Task DemandEditAsync(Customer customer)
    {
        if (!await AllowedAsync(customer, Operations.Read)) throw new NotFoundException();
        if (!await AllowedAsync(customer, Operations.Edit)) throw new ForbiddenException("CustomerReadOnly");
    }

    private async Task<bool> AllowedAsync(object resource, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, resource, operation)).Succeeded;

    private async Task CheckRegionAsync(int regionId)
    {
        if (regionId <= 0) throw new DomainException("Required") { Field = nameof(CustomerInput.RegionId) };
        var name = await db.Regions.Where(r => r.Id == regionId).Select(r => r.Name).SingleOrDefaultAsync()
            ?? throw new DomainException("UnknownRegion") { Field = nameof(CustomerInput.RegionId) };
        if (!Scope.SeesRegion(regionId)) throw new ForbiddenException("RegionNotAllowed", name) { Field = nameof(CustomerInput.RegionId) };
    }

    private async Task CheckTechnicianAsync(int staffId, int regionId)
    {
        if (!await db.Staff.AnyAsync(s => s.Id == staffId && s.IsActive && s.Role == StaffRole.Technician && s.RegionId == regionId))
            throw new DomainException("NotATechnicianOfRegion") { Field = nameof(CustomerInput.TechnicianId) };
    }

    private static void Limit(string? value, int max, string field)
    {
        if (value is not null && value.Trim().Length > max) throw new DomainException("TextTooLong", max) { Field = field };
    }

    private static SiteDto ToDto(Site s) => new(s.Id, s.CustomerId, s.Name, s.City, s.Address, s.Latitude, s.Longitude, s.Version,
        s.Contacts.OrderBy(c => c.Trade).ThenBy(c => c.Id).Select(c => new ContactDto(c.Id, c.SiteId, c.Name, c.Phone, c.Trade, c.Version)).ToList());
}
