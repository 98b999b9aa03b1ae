using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AfterSales.Domain.Reports;
using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Features.Reports;

/// <summary>
/// The daily report endpoints (RPT-2): the SMS gateway's webhook <c>POST /api/sms/inbound</c> (anonymous, signed with
/// the shared secret <c>Sms:InboundSecret</c>), and the reports for managers.
/// </summary>
public static class ReportsApi
{
    public const string TimestampHeader = "X-AfterSales-Timestamp";
    public const string SignatureHeader = "X-AfterSales-Signature";
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
    private const int MaxBodyBytes = 64 * 1024;

    public sealed record InboundResult(int Id, bool Duplicate);

    public sealed record AssignReportInput(int? TechnicianId, DateOnly? Day);

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/sms/inbound", InboundAsync).AllowAnonymous().DisableAntiforgery().WithTags("Reports");
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.ViewDailyReports);
        group.MapGet("/", async (DailyReportService service, DateOnly? day, int? technicianId, DailyReportStatus? status, int page = 1, int pageSize = 20) =>
            TypedResults.Ok(await service.ListAsync(new ReportFilter(day, technicianId, status), page, Math.Clamp(pageSize, 1, 100))));
        group.MapGet("/{id:int}", async (int id, DailyReportService service) => TypedResults.Ok(await service.GetAsync(id)));
        group.MapPost("/", async (PasteInput input, DailyReportService service) =>
        {
            var id = await service.PasteAsync(input);
            return TypedResults.Created($"/api/reports/{id}", await service.GetAsync(id));
        }).RequireAuthorization(Policies.EnterDailyReports);
        group.MapPost("/{id:int}/assign", async (int id, AssignReportInput input, DailyReportService service) =>
        {
            await service.AssignAsync(id, input.TechnicianId, input.Day);
            return TypedResults.Ok(await service.GetAsync(id));
        }).RequireAuthorization(Policies.EnterDailyReports);
        return app;
    }

    /// <summary>
    /// The gateway posts JSON <c>{"id","from","text","receivedAt"}</c> with the Unix time in seconds in
    /// <see cref="TimestampHeader"/> and <c>hex(HMAC-SHA256(secret, timestamp + "." + body))</c> in <see cref="SignatureHeader"/>.
    /// The message is stored before anything else is done with it; a redelivery (same id) answers 200 and stores nothing.
    /// </summary>
    private static async Task<Results<Ok<InboundResult>, Created<InboundResult>, ProblemHttpResult>> InboundAsync(HttpRequest request,
        IConfiguration configuration, TimeProvider clock, DailyReportService service, Microsoft.Extensions.Localization.IStringLocalizer<Infrastructure.ErrorText> errors,
        CancellationToken ct)
    {
        var secret = configuration["Sms:InboundSecret"];
        if (string.IsNullOrEmpty(secret))
            return TypedResults.Problem(errors["SmsInboundNotConfigured"], statusCode: StatusCodes.Status503ServiceUnavailable);
        if (request.ContentLength is > MaxBodyBytes) return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes) return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge);
        var body = buffer.ToArray();
        var timestamp = request.Headers[TimestampHeader].ToString();
        var signature = request.Headers[SignatureHeader].ToString();
        if (!SignatureValid(secret, timestamp, body, signature, clock.GetUtcNow()))
            return TypedResults.Problem(errors["SmsSignatureInvalid"], statusCode: StatusCodes.Status401Unauthorized);
        InboundSms? sms;
        try
        {
            sms = JsonSerializer.Deserialize<InboundSms>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        if (sms is null) return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest);
        var (id, duplicate) = await service.ReceiveAsync(sms, ct);
        var result = new InboundResult(id, duplicate);
        return duplicate ? TypedResults.Ok(result) : TypedResults.Created($"/api/reports/{id}", result);
    }

    /// <summary>The signature a gateway sends for a body at a time (lower-case hex).</summary>
    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var payload = new byte[Encoding.UTF8.GetByteCount(timestamp) + 1 + body.Length];
        var n = Encoding.UTF8.GetBytes(timestamp, payload);
        payload[n] = (byte)'.';
        body.CopyTo(payload, n + 1);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    /// <summary>Fresh (within <see cref="MaxClockSkew"/> of the clock) and signed with the secret; compared in constant time.</summary>
    public static bool SignatureValid(string secret, string timestamp, byte[] body, string signature, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (seconds > 253402300799) return false;
        var at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((now - at).Duration() > MaxClockSkew) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
