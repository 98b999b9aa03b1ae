using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Equipment;
using AfterSales.Features.Identity;
using AfterSales.Features.WorkOrders;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Visits;

/// <summary>
/// The job on the technician's phone, one step after the other: get ready, call ahead, leave, check in, measure,
/// commission, photograph, tidy up, complete, hand over the contact details, check out. Every button is the same
/// service call as the API's; phone actions carry no version so that submits queued offline do not refuse each other.
/// </summary>
public sealed class JobModel(WorkOrderService orders, AppDbContext db, EquipmentService equipment,
    WorkOrderPolicy policy) : PageModel, IReloadsOnError
{
    public const double NearbyRadiusKm = 10;

    public WorkOrderDetailsDto Details { get; private set; } = null!;
    public WorkOrderDto Order => Details.WorkOrder;
    public bool MayWork { get; private set; }
    public string CustomerPhone { get; private set; } = "";
    public decimal? SiteLatitude { get; private set; }
    public decimal? SiteLongitude { get; private set; }
    public List<ProductDrawing> Drawings { get; private set; } = [];
    public List<NearbyEquipmentDto> Nearby { get; private set; } = [];
    public double CheckInToleranceMeters => policy.CheckInToleranceMeters;

    public sealed record ProductDrawing(int ProductId, string ProductName, int FileId, string FileName);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        Details = await orders.GetAsync(Id);
        MayWork = Details.MayWork;
        CustomerPhone = await db.Customers.Where(c => c.Id == Order.CustomerId).Select(c => c.Phone).SingleAsync();
        var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == Order.SiteId);
        SiteLatitude = site.Latitude;
        SiteLongitude = site.Longitude;
        // VIS-4: the guidance follows the product's installation drawing, attached to the product.
        var productIds = Details.Items.Where(i => i.ProductId != null).Select(i => i.ProductId!.Value).ToList();
        Drawings = await db.ProductFiles.AsNoTracking().Where(f => productIds.Contains(f.ProductId))
            .OrderBy(f => f.ProductId).ThenBy(f => f.FileName)
            .Select(f => new ProductDrawing(f.ProductId, db.Products.Where(p => p.Id == f.ProductId).Select(p => p.Name).First(), f.Id, f.FileName))
            .ToListAsync();
        // WO-10: the company's other equipment near the job, whoever's customer it is: the technician visits it too.
        if (site.Latitude is { } lat && site.Longitude is { } lng)
        {
            var onThisJob = Details.Items.Where(i => i.EquipmentId != null).Select(i => i.EquipmentId!.Value).ToHashSet();
            var regionView = new AccessScope(AccessScope.From(User).StaffId, StaffRole.Supervisor, Order.RegionId);
            Nearby = (await equipment.NearAsync(regionView, (double)lat, (double)lng, NearbyRadiusKm, 12))
                .Where(n => !onThisJob.Contains(n.Equipment.Id)).Take(10).ToList();
        }
    }

    public Task<IActionResult> OnPostChecklistAsync(int itemId, bool done) =>
        Act(() => orders.SetChecklistItemAsync(Id, itemId, new ChecklistInput(done)), anchor: "ready");

    public Task<IActionResult> OnPostCallAheadAsync(ContactOutcome outcome, string? notes) =>
        Act(() => orders.CallAheadAsync(Id, new CallAheadInput(outcome, notes)), anchor: "ready");

    public Task<IActionResult> OnPostGoodsAsync() => Act(() => orders.NotifyGoodsOnTheWayAsync(Id, new VersionInput()), anchor: "ready");

    public Task<IActionResult> OnPostDepartAsync() => Act(() => orders.DepartAsync(Id, new VersionInput()), anchor: "ready");

    public Task<IActionResult> OnPostCheckInAsync(double? latitude, double? longitude, double? accuracy) =>
        Act(() => orders.CheckInAsync(Id, new PositionInput(latitude, longitude, accuracy)), anchor: "site");

    public Task<IActionResult> OnPostPresentAsync(RequiredPresence[]? present, string? others) =>
        Act(() => orders.RecordPresentAsync(Id, new PresentInput((present ?? []).Aggregate(RequiredPresence.None, (all, one) => all | one), others)),
            anchor: "site");

    public Task<IActionResult> OnPostMeasurementAsync(string? name, decimal? value, MeasurementUnit unit, int? itemId, string? note) =>
        Act(() => orders.AddMeasurementAsync(Id, new MeasurementInput(name, value, unit, itemId, note)), anchor: "measurements");

    public Task<IActionResult> OnPostRemoveMeasurementAsync(int measurementId) =>
        Act(() => orders.RemoveMeasurementAsync(Id, measurementId), anchor: "measurements");

    public Task<IActionResult> OnPostTestAsync(int itemId, bool leakTestPassed, bool connectionTestPassed, string? notes) =>
        Act(() => orders.RecordTestAsync(Id, new CommissioningInput(itemId, leakTestPassed, connectionTestPassed, notes)), anchor: "commissioning");

    /// <summary>
    /// A photo comes either as a file (no script) or, made smaller on the phone, as a data URL in a text field — which
    /// is what lets a photo wait on the phone with the other submits when the network is gone.
    /// </summary>
    public async Task<IActionResult> OnPostPhotoAsync(IFormFile? photo, string? photoData, string? caption)
    {
        byte[] content;
        string type;
        if (!string.IsNullOrEmpty(photoData))
            (content, type) = DataUrl.Decode(photoData);
        else if (photo is not null)
        {
            if (photo.Length > VisitPhoto.MaxBytes) throw new DomainException("PhotoTooLarge", VisitPhoto.MaxBytes / 1024 / 1024) { Field = "Photo" };
            using var buffer = new MemoryStream();
            await photo.CopyToAsync(buffer);
            (content, type) = (buffer.ToArray(), photo.ContentType);
        }
        else throw new DomainException("Required") { Field = "Photo" };
        return await Act(() => orders.AddPhotoAsync(Id, content, type, caption), anchor: "photos");
    }

    public Task<IActionResult> OnPostCompleteAsync() => Act(() => orders.CompleteAsync(Id, new VersionInput()), anchor: "finish");

    public Task<IActionResult> OnPostContactDetailsAsync() => Act(() => orders.SendContactDetailsAsync(Id, new VersionInput()), anchor: "finish");

    public Task<IActionResult> OnPostCheckOutAsync(double? latitude, double? longitude, double? accuracy) =>
        Act(() => orders.CheckOutAsync(Id, new PositionInput(latitude, longitude, accuracy)), anchor: "finish");

    public Task<IActionResult> OnPostLeaveAsync(string? reason, double? latitude, double? longitude, double? accuracy) =>
        Act(() => orders.LeaveUnfinishedAsync(Id, new LeaveInput(reason, new PositionInput(latitude, longitude, accuracy))), anchor: "finish");

    public Task<IActionResult> OnPostFitProblemAsync(int? itemId, string? problem, string? alternative) =>
        Act(() => orders.ReportFitProblemAsync(Id, new FitProblemInput(itemId, problem, alternative)), anchor: "fit");

    private async Task<IActionResult> Act(Func<Task> action, string anchor)
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        await action();
        return Redirect($"/Visits/{Id}#{anchor}");
    }
}
