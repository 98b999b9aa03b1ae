using System.Globalization;
using System.Resources;
using AfterSales.Data;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Messaging;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.WorkOrders;

/// <summary>Marker for the texts of messages about work orders (WorkOrderMessagesText.resx).</summary>
public sealed class WorkOrderMessagesText;

/// <summary>
/// The messages a work order owes people outside the page: written to the outbox in the same save as the change.
/// Customers, stores and staff read Chinese, so messages are composed in zh-CN whatever the sender's page language.
/// </summary>
public sealed class WorkOrderMessages(AppDbContext db, TimeProvider clock, LocalTime local)
{
    private static readonly ResourceManager Texts = new(typeof(WorkOrderMessagesText));
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>VIS-2.</summary>
    public async Task GoodsOnTheWayAsync(WorkOrder order)
    {
        var (customer, technician) = await PartiesAsync(order);
        ToCustomer(order, customer, "GoodsOnTheWay", Text("GoodsOnTheWay", customer.Name, order.Number, technician?.Name ?? "", technician?.Phone ?? ""));
    }

    /// <summary>REC-5: the technician's name and number, and the helpers'.</summary>
    public async Task ContactDetailsAsync(WorkOrder order)
    {
        var (customer, technician) = await PartiesAsync(order);
        if (technician is null) return;
        ToCustomer(order, customer, "ContactDetails", Text("ContactDetails", customer.Name, technician.Name, Spaced(technician.Phone), order.Number));
    }

    /// <summary>WO-4: the region's managers are asked to approve.</summary>
    public async Task TechnicianChangeRequestedAsync(WorkOrder order, TechnicianChangeRequest request)
    {
        var names = await NamesAsync(request.FromTechnicianId, request.ToTechnicianId, request.RequestedById);
        var managers = await db.Staff.Where(s => s.IsActive && s.RegionId == order.RegionId
            && (s.Role == StaffRole.RegionalManager || s.Role == StaffRole.DeputyManager)).ToListAsync();
        foreach (var manager in managers)
            ToStaff(order, manager, "TechnicianChangeRequested", Text("TechnicianChangeRequested", order.Number, names[request.FromTechnicianId],
                names[request.ToTechnicianId], request.Reason, names[request.RequestedById]));
    }

    /// <summary>WO-4: the requester and the new technician learn the decision.</summary>
    public async Task TechnicianChangeDecidedAsync(WorkOrder order, TechnicianChangeRequest request)
    {
        var key = request.State == ChangeRequestState.Approved ? "TechnicianChangeApproved" : "TechnicianChangeRejected";
        var people = await db.Staff.Where(s => s.Id == request.RequestedById || s.Id == request.ToTechnicianId || s.Id == request.FromTechnicianId)
            .ToListAsync();
        var names = people.ToDictionary(s => s.Id, s => s.Name);
        var recipients = request.State == ChangeRequestState.Approved
            ? people.Where(s => s.IsActive)
            : people.Where(s => s.IsActive && s.Id == request.RequestedById);
        foreach (var person in recipients)
            ToStaff(order, person, key, Text(key, order.Number, names[request.FromTechnicianId], names[request.ToTechnicianId], request.DecisionNote ?? ""));
    }

    /// <summary>WO-6: the stores of the region, which sold the product, are told it does not fit and what to offer instead.</summary>
    public async Task<int> FitProblemAsync(WorkOrder order, FitProblem fit)
    {
        var (customer, _) = await PartiesAsync(order);
        var stores = await db.Staff.Where(s => s.IsActive && s.RegionId == order.RegionId && s.Role == StaffRole.Store).ToListAsync();
        var product = fit.WorkOrderItemId is { } itemId
            ? await db.WorkOrderItems.Where(i => i.Id == itemId).Select(i => db.Products.Where(p => p.Id == i.ProductId).Select(p => p.Name).FirstOrDefault())
                .FirstOrDefaultAsync()
            : null;
        foreach (var store in stores)
            Add(new OutboxMessage(RecipientKind.Store, store.Name, store.Phone, "FitProblem",
                Text("FitProblem", order.Number, customer.Name, product ?? "—", fit.Problem, fit.Alternative), clock.GetUtcNow(), "WorkOrder", order.Id));
        return stores.Count;
    }

    /// <summary>WO-4: a specialist asked to join a visit.</summary>
    public async Task HelperAddedAsync(WorkOrder order, int helperId)
    {
        var helper = await db.Staff.SingleAsync(s => s.Id == helperId);
        var (customer, _) = await PartiesAsync(order);
        var site = await db.Sites.Where(s => s.Id == order.SiteId).Select(s => s.Address).SingleAsync();
        var when = order.AppointmentStart is { } start ? local.ToLocal(start).ToString("yyyy-MM-dd HH:mm", Chinese) : "—";
        ToStaff(order, helper, "HelperAdded", Text("HelperAdded", order.Number, customer.Name, site, when));
    }

    private void ToCustomer(WorkOrder order, Customer customer, string topic, string body) =>
        Add(new OutboxMessage(RecipientKind.Customer, customer.Name, customer.Phone, topic, body, clock.GetUtcNow(), "WorkOrder", order.Id));

    private void ToStaff(WorkOrder order, Staff staff, string topic, string body) =>
        Add(new OutboxMessage(RecipientKind.Staff, staff.Name, staff.Phone, topic, body, clock.GetUtcNow(), "WorkOrder", order.Id));

    private void Add(OutboxMessage message) => db.Outbox.Add(message);

    private async Task<(Customer Customer, Staff? Technician)> PartiesAsync(WorkOrder order)
    {
        var customer = await db.Customers.SingleAsync(c => c.Id == order.CustomerId);
        var technician = order.TechnicianId is { } id ? await db.Staff.SingleAsync(s => s.Id == id) : null;
        return (customer, technician);
    }

    private async Task<Dictionary<int, string>> NamesAsync(params int[] ids) =>
        await db.Staff.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);

    private static string Text(string key, params object[] args) =>
        string.Format(Chinese, Texts.GetString(key, Chinese) ?? throw new InvalidOperationException($"No message text {key}."), args);

    /// <summary>138 0000 0000: how a number is read aloud and typed.</summary>
    private static string Spaced(string phone) => phone.Length == 11 ? $"{phone[..3]} {phone[3..7]} {phone[7..]}" : phone;
}
