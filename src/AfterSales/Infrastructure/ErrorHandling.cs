using AfterSales.Domain;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Infrastructure;

/// <summary>
/// The one place where broken rules become answers: ProblemDetails for the API, a message beside the field
/// on a page. Messages come from ErrorText in the user's language.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems, IStringLocalizer<ErrorText> text) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        // Pages show the error page instead (in the user's language, with the reason: Errors/Index).
        if (!WebSetup.IsApi(http)) return false;
        var (status, code, field, args) = Classify(exception);
        // A form posted without its anti-forgery token: reading the form refuses with an InvalidOperationException.
        if (status is null && http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            (status, code) = (StatusCodes.Status400BadRequest, "AntiforgeryInvalid");
        if (status is null) return false;
        var message = Format(text, code, args);
        http.Response.StatusCode = status.Value;
        var details = new ProblemDetails { Status = status, Title = message, Type = $"https://aftersales.example/errors/{code}" };
        details.Extensions["code"] = code;
        if (field is not null)
            details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The message of a code with its arguments; arguments that are texts themselves are translated first.</summary>
    internal static string Format(IStringLocalizer<ErrorText> text, string code, object[] args) =>
        text[code, args.Select(a => a is LocalizedArgument l ? text[l.Key].Value : a).ToArray()].Value;

    internal static (int? Status, string Code, string? Field, object[] Args) Classify(Exception exception) => exception switch
    {
        NotFoundException e => (StatusCodes.Status404NotFound, e.Code, null, e.Arguments),
        ConflictException e => (StatusCodes.Status409Conflict, e.Code, null, e.Arguments),
        ForbiddenException e => (StatusCodes.Status403Forbidden, e.Code, e.Field, e.Arguments),
        DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "ConcurrentEdit", null, []),
        DomainException e => (StatusCodes.Status400BadRequest, e.Code, e.Field, e.Arguments),
        BadHttpRequestException e => (e.StatusCode, "UnreadableRequest", null, [e.InnerException?.Message ?? e.Message]),
        // A text longer than its column that no rule checked (PostgreSQL refuses it; entities check their own limits first).
        DbUpdateException { InnerException: System.Data.Common.DbException { SqlState: "22001" } } => (StatusCodes.Status400BadRequest, "ValueTooLong", null, []),
        _ when IsDatabaseUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "DatabaseUnavailable", null, []),
        _ => (null, "", null, []),
    };

    /// <summary>
    /// The database could not be reached (restarting, connections cut, busy): a 503, which a phone's queue and a proxy
    /// take as "try again later" (the request's idempotency key makes that safe), rather than a 500 "refused".
    /// </summary>
    private static bool IsDatabaseUnavailable(Exception exception) =>
        exception is System.Data.Common.DbException { IsTransient: true } || (exception.InnerException is { } inner && IsDatabaseUnavailable(inner));
}

/// <summary>
/// On a page, a broken rule is shown beside its field (or at the top of the form) and the form is shown again
/// with what the user typed, so nothing they entered is lost.
/// </summary>
public sealed class DomainExceptionPageFilter(IStringLocalizer<ErrorText> text) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled) return;
        var (status, code, field, args) = DomainExceptionHandler.Classify(executed.Exception);
        // No form to show again without the database: the error page says so, with its 503.
        if (status is null or StatusCodes.Status503ServiceUnavailable) return;
        if (status == StatusCodes.Status404NotFound)
        {
            executed.Result = new NotFoundResult();
        }
        else if (HttpMethods.IsGet(context.HttpContext.Request.Method))
        {
            // Nothing was submitted, so there is no form to show again: the error page gives the reason.
            return;
        }
        else
        {
            var key = field is null ? "" : $"Input.{field}";
            context.ModelState.AddModelError(key, DomainExceptionHandler.Format(text, code, args));
            if (executed.HandlerInstance is PageModel page)
            {
                if (page is IReloadsOnError reload) await reload.ReloadAsync();
                executed.Result = page.Page();
            }
        }
        executed.ExceptionHandled = true;
    }
}

/// <summary>A page whose form needs its lookups (drop-down lists …) loaded again before it is shown with errors.</summary>
public interface IReloadsOnError
{
    Task ReloadAsync();
}

/// <summary>The body of a 201 for a new record known by its id: <c>{"id": 5}</c>.</summary>
public sealed record CreatedId(int Id);
