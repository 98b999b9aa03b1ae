using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Admin;

/// <summary>Accounts: administrators only (SEC-1). Identity's refusals come back as ProblemDetails in the caller's language.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/users").WithTags("Admin").RequireAuthorization(Policies.ManageUsers)
            .AddEndpointFilter(RefusalsAsProblems);
        api.MapGet("/", async (AccountService accounts, string? q, int page = 1, int pageSize = Paged<AccountDto>.DefaultPageSize) =>
            TypedResults.Ok(await accounts.ListAsync(q, page, pageSize)));
        api.MapGet("/{id}", async (string id, AccountService accounts) => TypedResults.Ok(await accounts.GetAsync(id)));
        api.MapPost("/", async (CreateAccountRequest request, AccountService accounts) =>
        {
            var id = await accounts.CreateAsync(request);
            return TypedResults.Created($"/api/admin/users/{id}", await accounts.GetAsync(id));
        });
        api.MapPost("/{id}/reset-password", async (string id, ResetPasswordRequest request, AccountService accounts) =>
        {
            await accounts.ResetPasswordAsync(id, request);
            return TypedResults.NoContent();
        });
        api.MapPost("/{id}/unlock", async (string id, AccountService accounts) =>
        {
            await accounts.UnlockAsync(id);
            return TypedResults.Ok(await accounts.GetAsync(id));
        });
        return app;
    }

    /// <summary>Every reason Identity gave (a weak password usually breaks several rules), not only the first.</summary>
    private static async ValueTask<object?> RefusalsAsProblems(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AccountRulesException refused)
        {
            var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ErrorText>>();
            var messages = refused.Messages(text);
            var details = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = text[refused.Code, refused.Arguments].Value,
                Type = $"https://aftersales.example/errors/{refused.Code}",
            };
            details.Extensions["code"] = refused.Code;
            details.Extensions["errors"] = messages;
            return TypedResults.Problem(details);
        }
    }
}
