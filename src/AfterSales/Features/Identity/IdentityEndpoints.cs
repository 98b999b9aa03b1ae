using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Features.Identity;

public static class IdentityEndpoints
{
    public sealed record LogInRequest(string Login, string Password);

    public sealed record AntiforgeryToken(string Token, string HeaderName);

    public sealed record Me(int StaffId, string UserName, string Name, string Role, int? RegionId);

    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        // Pages post here from the layout's forms; both are protected by the anti-forgery token.
        app.MapPost("/Identity/Logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/Identity/Login");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapPost("/Culture", ([FromForm] string culture, [FromForm] string? returnUrl, HttpContext http) =>
        {
            Localization.SetCultureCookie(http.Response, culture);
            return Results.LocalRedirect(string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//") ? "/" : returnUrl);
        }).AllowAnonymous();

        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapPost("/login", async Task<Results<NoContent, ProblemHttpResult>> (LogInRequest request, LogInService logIn,
            Microsoft.Extensions.Localization.IStringLocalizer<Shared.UiText> text) =>
        {
            var outcome = await logIn.LogInAsync(request.Login ?? "", request.Password ?? "", remember: false);
            return outcome == LogInOutcome.Succeeded
                ? TypedResults.NoContent()
                : TypedResults.Problem(title: text["Login." + outcome], statusCode: outcome == LogInOutcome.LockedOut ? 423 : 401,
                    extensions: new Dictionary<string, object?> { ["code"] = "Login" + outcome });
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Infrastructure.RateLimits.LogIns);
        api.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        });
        // Form and file uploads through the API need the anti-forgery token that pages carry in their forms.
        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new AntiforgeryToken(tokens.RequestToken!, tokens.HeaderName!));
        });
        api.MapGet("/me", (HttpContext http) =>
        {
            var scope = AccessScope.From(http.User);
            return TypedResults.Ok(new Me(scope.StaffId, http.User.Identity!.Name!, http.User.FindFirst(AccessScope.StaffNameClaim)!.Value,
                scope.Role.ToString(), scope.RegionId));
        });
        return app;
    }
}
