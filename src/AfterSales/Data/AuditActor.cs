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

    /// <summary>
    /// The idempotency key row of the request this scope serves, when the client sent a key (see
    /// <see cref="Infrastructure.IdempotencyMiddleware"/>): each save of the request marks it applied in its own transaction.
    /// </summary>
    public long? IdempotentRequestId => httpContextAccessor?.HttpContext is { } http ? Infrastructure.Idempotency.RowOf(http) : null;
}
