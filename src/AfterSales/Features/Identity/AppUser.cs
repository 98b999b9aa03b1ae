using AfterSales.Domain.People;
using Microsoft.AspNetCore.Identity;

namespace AfterSales.Features.Identity;

/// <summary>A log-in. Every account belongs to one staff member; the staff record carries the role and region.</summary>
public class AppUser : IdentityUser
{
    public int StaffId { get; set; }
    public Staff Staff { get; set; } = null!;

    /// <summary>User's preferred UI culture (zh-CN or en); null follows the browser.</summary>
    public string? Culture { get; set; }
}
