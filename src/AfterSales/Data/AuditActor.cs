namespace AfterSales.Data;

/// <summary>
/// Who the audit trail names for the changes of this scope: the signed-in user on a web request,
/// or whatever the command line set (e.g. "cli:seed-demo").
/// </summary>
public sealed class AuditActor(IHttpContextAccessor? httpContextAccessor = null)
{
    private string? _name;

    public string Name
    {
        get => _name ?? httpContextAccessor?.HttpContext?.User.Identity?.Name ?? "system";
        set => _name = value;
    }
}
