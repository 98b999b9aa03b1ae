using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Features.Safety;

/// <summary>
/// /api/safety (SAF-1…SAF-4): the permit to work of a job (read, record a step with its photo, protective equipment,
/// start work, close-out, interruption), the open permits, the maintenance bases and their agreements, the permit templates and the
/// violations — through the same service as the pages. Refusals are ProblemDetails in the user's language.
/// </summary>
public static class SafetyApi
{
    public static IEndpointRouteBuilder MapSafetyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/safety").WithTags("Safety");

        api.MapGet("/permits", async (SafetyService safety, bool all = false, int page = 1, int pageSize = Paged<PermitSummaryDto>.DefaultPageSize) =>
            TypedResults.Ok(await safety.ListOpenAsync(all, page, pageSize)));
        api.MapGet("/jobs/{workOrderId:int}", async (int workOrderId, SafetyService safety) => TypedResults.Ok(await safety.JobAsync(workOrderId)));
        api.MapGet("/jobs/{workOrderId:int}/permit", async (int workOrderId, SafetyService safety) => TypedResults.Ok(await safety.GetPermitAsync(workOrderId)));
        api.MapPost("/jobs/{workOrderId:int}/permit/steps/{stepId:int}",
            async (int workOrderId, int stepId, IFormFile? photo, [FromForm] string? note, SafetyService safety) =>
            {
                await safety.RecordStepAsync(workOrderId, stepId, await Upload.FromAsync(photo), note);
                return TypedResults.Ok(await safety.GetPermitAsync(workOrderId));
            }).Accepts<IFormFile>("multipart/form-data").DisableAntiforgery();
        api.MapPost("/jobs/{workOrderId:int}/permit/protective-equipment", async (int workOrderId, SafetyService safety) =>
        {
            await safety.ConfirmProtectiveEquipmentAsync(workOrderId);
            return TypedResults.Ok(await safety.GetPermitAsync(workOrderId));
        });
        api.MapPost("/jobs/{workOrderId:int}/permit/start-work", async (int workOrderId, SafetyService safety) =>
        {
            await safety.StartWorkAsync(workOrderId);
            return TypedResults.Ok(await safety.GetPermitAsync(workOrderId));
        });
        api.MapPost("/jobs/{workOrderId:int}/permit/close-out", async (int workOrderId, CloseOutInput input, SafetyService safety) =>
        {
            await safety.CloseOutAsync(workOrderId, input);
            return TypedResults.Ok(await safety.GetPermitAsync(workOrderId));
        });
        api.MapPost("/jobs/{workOrderId:int}/permit/interrupt", async (int workOrderId, InterruptInput input, SafetyService safety) =>
        {
            await safety.InterruptAsync(workOrderId, input);
            return TypedResults.Ok(await safety.GetPermitAsync(workOrderId));
        });

        api.MapGet("/bases", async (SafetyService safety) => TypedResults.Ok(await safety.BasesAsync()));
        api.MapPut("/sites/{siteId:int}/base", async (int siteId, BaseFlagInput input, SafetyService safety) =>
        {
            await safety.MarkBaseAsync(siteId, input.IsMaintenanceBase);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ManageSafety);
        api.MapGet("/sites/{siteId:int}/agreements", async (int siteId, SafetyService safety) => TypedResults.Ok(await safety.AgreementsAsync(siteId)));
        api.MapPost("/sites/{siteId:int}/agreements",
            async (int siteId, IFormFile? file, [FromForm] DateOnly? signedOn, [FromForm] DateOnly? validUntil, [FromForm] string? note, SafetyService safety) =>
            {
                var id = await safety.AddAgreementAsync(siteId, await Upload.FromAsync(file), signedOn, validUntil, note);
                return TypedResults.Created($"/api/safety/agreements/{id}/file", new CreatedId(id));
            }).Accepts<IFormFile>("multipart/form-data").DisableAntiforgery().RequireAuthorization(Policies.ManageSafety);
        api.MapGet("/agreements/{id:int}/file", async (int id, SafetyService safety) =>
        {
            var file = await safety.AgreementFileAsync(id);
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        });

        api.MapGet("/templates", async (SafetyService safety) => TypedResults.Ok(await safety.TemplatesAsync()));
        api.MapGet("/templates/{id:int}", async (int id, SafetyService safety) => TypedResults.Ok(await safety.TemplateAsync(id)));
        api.MapPost("/templates", async (TemplateInput input, SafetyService safety) =>
        {
            var id = await safety.SaveTemplateAsync(null, input);
            return TypedResults.Created($"/api/safety/templates/{id}", await safety.TemplateAsync(id));
        }).RequireAuthorization(Policies.ManageSafety);
        api.MapPut("/templates/{id:int}", async (int id, TemplateInput input, SafetyService safety) =>
        {
            await safety.SaveTemplateAsync(id, input);
            return TypedResults.Ok(await safety.TemplateAsync(id));
        }).RequireAuthorization(Policies.ManageSafety);

        api.MapGet("/violations", async (SafetyService safety) => TypedResults.Ok(await safety.ViolationsAsync()));
        api.MapPost("/violations", async (ViolationInput input, SafetyService safety) =>
        {
            var id = await safety.RecordViolationAsync(input, null);
            return TypedResults.Created($"/api/safety/violations/{id}", new CreatedId(id));
        }).RequireAuthorization(Policies.RecordIncidents);
        return app;
    }
}
