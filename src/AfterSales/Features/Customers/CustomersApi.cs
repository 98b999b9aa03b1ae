using AfterSales.Features.Shared;

namespace AfterSales.Features.Customers;

/// <summary>
/// Customers, their sites and site contacts (SEC-2 scoped): a technician reaches their own customers, a manager
/// their region, head office all. Not readable → 404; readable but not changeable → 403 ProblemDetails.
/// </summary>
public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/customers").WithTags("Customers");

        api.MapGet("/", async (CustomerService customers, string? q, int? regionId, int? technicianId,
                int page = 1, int pageSize = Paged<CustomerDto>.DefaultPageSize) =>
            TypedResults.Ok(await Paged<CustomerDto>.FromAsync(customers.Query(q, regionId, technicianId), page, pageSize)));
        api.MapGet("/{id:int}", async (int id, CustomerService customers) => TypedResults.Ok(await customers.GetAsync(id)));
        api.MapPost("/", async (CustomerInput input, CustomerService customers) =>
        {
            var id = await customers.SaveAsync(null, input);
            return TypedResults.Created($"/api/customers/{id}", await customers.GetAsync(id));
        });
        api.MapPut("/{id:int}", async (int id, CustomerInput input, CustomerService customers) =>
        {
            await customers.SaveAsync(id, input);
            return TypedResults.Ok(await customers.GetAsync(id));
        });

        api.MapGet("/{id:int}/sites/{siteId:int}", async (int id, int siteId, CustomerService customers) =>
            TypedResults.Ok(await customers.GetSiteAsync(id, siteId)));
        api.MapPost("/{id:int}/sites", async (int id, SiteInput input, CustomerService customers) =>
        {
            var siteId = await customers.SaveSiteAsync(id, null, input);
            return TypedResults.Created($"/api/customers/{id}/sites/{siteId}", await customers.GetSiteAsync(id, siteId));
        });
        api.MapPut("/{id:int}/sites/{siteId:int}", async (int id, int siteId, SiteInput input, CustomerService customers) =>
        {
            await customers.SaveSiteAsync(id, siteId, input);
            return TypedResults.Ok(await customers.GetSiteAsync(id, siteId));
        });

        api.MapPost("/{id:int}/sites/{siteId:int}/contacts", async (int id, int siteId, ContactInput input, CustomerService customers) =>
        {
            var contactId = await customers.SaveContactAsync(id, siteId, null, input);
            return TypedResults.Created($"/api/customers/{id}/sites/{siteId}", await customers.GetContactAsync(id, siteId, contactId));
        });
        api.MapPut("/{id:int}/sites/{siteId:int}/contacts/{contactId:int}", async (int id, int siteId, int contactId, ContactInput input, CustomerService customers) =>
        {
            await customers.SaveContactAsync(id, siteId, contactId, input);
            return TypedResults.Ok(await customers.GetContactAsync(id, siteId, contactId));
        });
        api.MapDelete("/{id:int}/sites/{siteId:int}/contacts/{contactId:int}", async (int id, int siteId, int contactId, CustomerService customers) =>
        {
            await customers.RemoveContactAsync(id, siteId, contactId);
            return TypedResults.NoContent();
        });
        return app;
    }
}
