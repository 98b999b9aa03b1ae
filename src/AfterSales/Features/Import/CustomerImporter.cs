using System.Globalization;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Customers;
using AfterSales.Domain.People;
using Microsoft.EntityFrameworkCore;
using C = AfterSales.Features.Import.ImportColumns.Customers;

namespace AfterSales.Features.Import;

/// <summary>
/// Customers: one customer per row, with at most one site (现场) and one contact met there. A customer code that
/// exists already is a duplicate, never an update. The technician who follows the customer (WO-4) must be an
/// active technician of the customer's region.
/// </summary>
public sealed class CustomerImporter(AppDbContext db) : Importer<Customer>(db)
{
    private static readonly Dictionary<string, ImportColumn> CustomerFields = new()
    {
        [nameof(Customer.Code)] = C.Code,
        [nameof(Customer.Name)] = C.Name,
        [nameof(Customer.Phone)] = C.Phone,
        [nameof(Customer.RegionId)] = C.Region,
        [nameof(Customer.TechnicianId)] = C.TechnicianNumber,
        [nameof(Customer.SoldBy)] = C.SoldBy,
        [nameof(Customer.Notes)] = C.Notes,
    };

    private static readonly Dictionary<string, ImportColumn> SiteFields = new()
    {
        [nameof(Site.Name)] = C.SiteName,
        [nameof(Site.City)] = C.City,
        [nameof(Site.Address)] = C.Address,
        [nameof(Site.Latitude)] = C.Latitude,
        [nameof(Site.Longitude)] = C.Longitude,
    };

    private static readonly Dictionary<string, ImportColumn> ContactFields = new()
    {
        [nameof(SiteContact.Name)] = C.ContactName,
        [nameof(SiteContact.Phone)] = C.ContactPhone,
        [nameof(SiteContact.Trade)] = C.Trade,
    };

    private sealed record Person(int Id, StaffRole Role, int? RegionId, bool IsActive);

    private RegionLookup _regions = null!;
    private HashSet<string> _codes = null!;
    private Dictionary<string, Person> _staff = null!;
    private readonly FirstSeen _codesInFile = new();

    public override IReadOnlyList<ImportColumn> Columns => C.All;

    public override async Task PrepareAsync(CancellationToken ct)
    {
        _regions = await RegionLookup.LoadAsync(Db, ct);
        _codes = (await Db.Customers.AsNoTracking().Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        _staff = (await Db.Staff.AsNoTracking().Select(s => new { s.StaffNumber, Person = new Person(s.Id, s.Role, s.RegionId, s.IsActive) }).ToListAsync(ct))
            .ToDictionary(s => s.StaffNumber, s => s.Person, StringComparer.OrdinalIgnoreCase);
    }

    protected override Customer? Build(ImportRow row)
    {
        var code = row.Required(C.Code)?.ToUpperInvariant();
        if (code is not null)
        {
            if (_codes.Contains(code)) row.Problem(C.Code, "CodeTaken", code);
            else _codesInFile.Check(row, C.Code, code);
        }
        var name = row.Required(C.Name);
        var phone = row.Required(C.Phone) is { } phoneText ? Phone(row, C.Phone, phoneText) : null;
        var regionId = _regions.Read(row, C.Region, required: true);
        var technicianId = Technician(row, regionId);
        var soldBy = row.Text(C.SoldBy);
        var notes = row.Text(C.Notes);

        var siteName = row.Text(C.SiteName);
        var city = row.Text(C.City);
        var address = row.Text(C.Address);
        var latitude = row.Coordinate(C.Latitude);
        var longitude = row.Coordinate(C.Longitude);
        var hasSite = new[] { C.SiteName, C.City, C.Address, C.Latitude, C.Longitude }.Any(c => row.Value(c) is not null);

        var contactName = row.Text(C.ContactName);
        var contactPhone = row.Text(C.ContactPhone) is { } contactPhoneText ? Phone(row, C.ContactPhone, contactPhoneText) : null;
        Trade? trade = Trade.Owner;
        if (row.Text(C.Trade) is { } tradeText)
        {
            trade = ImportVocabulary.ParseTrade(tradeText);
            if (trade is null) row.Problem(C.Trade, "ImportUnknownValue", tradeText, ImportVocabulary.TradeChoices(CultureInfo.CurrentUICulture));
        }
        var hasContact = new[] { C.ContactName, C.ContactPhone, C.Trade }.Any(c => row.Value(c) is not null);
        if (hasContact && !hasSite) row.Problem(contactName is null ? C.ContactPhone : C.ContactName, "ContactNeedsSite");

        if (!row.IsValid) return null;
        var customer = Apply(row, () =>
        {
            var c = new Customer(code!, name!, phone!, regionId!.Value);
            c.Update(name!, phone!, regionId.Value, soldBy, notes);
            c.AssignTechnician(technicianId);
            return c;
        }, CustomerFields, C.Code);
        if (customer is null || !hasSite) return customer;
        // Coordinates are stored with six decimals (about 10 cm); more digits from a map tool are rounded.
        var site = Apply(row, () => customer.AddSite(siteName ?? "", city ?? "", address ?? "",
            latitude is null ? null : Math.Round(latitude.Value, 6), longitude is null ? null : Math.Round(longitude.Value, 6)), SiteFields, C.SiteName);
        if (site is null) return null;
        if (hasContact && Apply(row, () => site.AddContact(contactName ?? "", contactPhone ?? "", trade!.Value), ContactFields, C.ContactName) is null)
            return null;
        return customer;
    }

    private static string? Phone(ImportRow row, ImportColumn column, string text)
    {
        try
        {
            return ChinesePhone.Normalize(text, column.Key);
        }
        catch (DomainException e)
        {
            row.Problem(column, e);
            return null;
        }
    }

    private int? Technician(ImportRow row, int? regionId)
    {
        var number = row.Text(C.TechnicianNumber)?.ToUpperInvariant();
        if (number is null) return null;
        if (!_staff.TryGetValue(number, out var person) || !person.IsActive)
        {
            row.Problem(C.TechnicianNumber, "StaffNumberNotFound", number);
            return null;
        }
        if (person.Role != StaffRole.Technician)
        {
            row.Problem(C.TechnicianNumber, "NotATechnician", number);
            return null;
        }
        if (regionId is not null && person.RegionId != regionId)
        {
            row.Problem(C.TechnicianNumber, "TechnicianNotInRegion", number, row.Value(C.Region)!);
            return null;
        }
        return person.Id;
    }
}
