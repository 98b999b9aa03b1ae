using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Customers;

/// <summary>One customer: facts, their technician, every site with its contacts and equipment, and the history.</summary>
public sealed class DetailsModel(CustomerService customers, LocalTime time) : PageModel
{
    public CustomerDetailsDto Customer { get; private set; } = null!;
    public ILookup<int, SiteEquipmentDto> Equipment { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(int id)
    {
        Customer = await customers.GetAsync(id);
        MayEdit = await customers.MayEditAsync(Customer);
        Equipment = (await customers.EquipmentAtAsync(Customer.Sites.Select(s => s.Id).ToList())).ToLookup(e => e.SiteId);
        Today = time.Today;
    }
}
