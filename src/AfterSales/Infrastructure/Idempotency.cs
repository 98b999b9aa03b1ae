using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AfterSales.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;

namespace AfterSales.Infrastructure;

/// <summary>
/// One answered (or still running) state-changing request, remembered under the key the client sent with it.
/// Infrastructure, not a domain record: it is not audited and is forgotten after <see cref="Idempotency.Lifetime"/>.
/// </summary>
public sealed class IdempotentRequest
{
    public const int MaxKeyLength = 100;

    public long Id { get; set; }
    public string Key { get; set; } = "";
    /// <summary>The signed-in user's id: a key only ever replays to the person who sent it.</summary>
    public string UserId { get; set; } = "";
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    /// <summary>SHA-256 of the request (query and body; a form's fields without its anti-forgery token).</summary>
    public string RequestHash { get; set; } = "";
    /// <summary>Null while the first request with the key is still running.</summary>
    public int? StatusCode { get; set; }
    /// <summary>
    /// When the request's changes were committed: written by its save in the same transaction (AppDbContext). Null: it
    /// changed nothing (yet). Set with no <see cref="StatusCode"/>: the server died between its commit and keeping the answer.
    /// </summary>
    public DateTimeOffset? AppliedAt { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[]? ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Weak networks: a phone that did not see the answer to a submit sends it again with the same
/// <c>Idempotency-Key</c> header (or, for a plain form post, the hidden field <c>__idempotency</c>). The first
/// request with a key runs and its answer is kept; a repeat gets the kept answer (header <c>Idempotent-Replay: true</c>)
/// without running anything again, so a retry never creates a duplicate.
/// <list type="bullet">
/// <item>same key, different request → 422 <c>IdempotencyKeyReused</c>;</item>
/// <item>same key while the first is still running → 409 <c>RequestInProgress</c> (the key's row is written first under a
/// unique index, so two requests racing with one key cannot both run, on SQLite and PostgreSQL alike);</item>
/// <item>only answers that mean "done" (2xx/3xx) are kept; a refused request (4xx, or a page shown again with its
/// errors) or a failure (5xx) changed nothing, so its key is released and a retry runs again.</item>
/// </list>
/// Requests without a key, safe methods and anonymous requests pass through untouched.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyMiddleware> log)
{
    private DateTimeOffset _lastCleanUp = DateTimeOffset.MinValue;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!Idempotency.IsUnsafe(http.Request.Method) || http.Items.ContainsKey(Idempotency.SeenItem)
            || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        var key = await Idempotency.ReadKeyAsync(http.Request);
        if (key is null)
        {
            await next(http);
            return;
        }
        // Error pages are rendered by running the pipeline again for the same request: that pass is not a repeat.
        http.Items[Idempotency.SeenItem] = true;
        if (key.Length > IdempotentRequest.MaxKeyLength)
        {
            await Idempotency.ProblemAsync(http, StatusCodes.Status400BadRequest, "IdempotencyKeyInvalid", IdempotentRequest.MaxKeyLength);
            return;
        }

        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.User.Identity!.Name ?? "";
        var row = new IdempotentRequest
        {
            Key = key,
            UserId = userId,
            Method = http.Request.Method,
            Path = Truncate(http.Request.Path.Value ?? "/", 400)!,
            RequestHash = await Idempotency.HashAsync(http.Request),
        };

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await CleanUpAsync(db);
            for (var attempt = 0; ; attempt++)
            {
                var now = clock.GetUtcNow();
                var earlier = await db.Set<IdempotentRequest>().AsNoTracking()
                    .SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key);
                if (earlier is not null)
                {
                    // A key left running is taken over only when its request changed nothing: one that was applied is never run again.
                    var expired = earlier.CreatedAt < now - Idempotency.Lifetime
                        || (earlier.StatusCode is null && earlier.AppliedAt is null && earlier.CreatedAt < now - Idempotency.AbandonedAfter);
                    if (!expired)
                    {
                        await AnswerRepeatAsync(http, earlier, row, now);
                        return;
                    }
                    await db.Set<IdempotentRequest>().Where(r => r.Id == earlier.Id).ExecuteDeleteAsync();
                }
                row.CreatedAt = now;
                db.Add(row);
                try
                {
                    await db.SaveChangesAsync();
                    break;
                }
                catch (DbUpdateException) when (attempt < 2)
                {
                    // Another request with the same key was first: answer as a repeat of that one.
                    db.Entry(row).State = EntityState.Detached;
                    row.Id = 0;
                }
            }
        }

        await RunAndKeepAsync(http, row);
    }

    private static async Task AnswerRepeatAsync(HttpContext http, IdempotentRequest earlier, IdempotentRequest repeat, DateTimeOffset now)
    {
        if (earlier.Method != repeat.Method || earlier.Path != repeat.Path || earlier.RequestHash != repeat.RequestHash)
        {
            await Idempotency.ProblemAsync(http, StatusCodes.Status422UnprocessableEntity, "IdempotencyKeyReused");
            return;
        }
        if (earlier.StatusCode is null && earlier.AppliedAt < now - Idempotency.AnsweredWithin)
        {
            // Applied, but its answer was lost with the server: say "done" without the original body — the API with
            // 204, a page form by sending the browser back to the page, which shows the change.
            http.Response.Headers[Idempotency.ReplayHeader] = "true";
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                http.Response.StatusCode = StatusCodes.Status204NoContent;
            }
            else
            {
                http.Response.StatusCode = StatusCodes.Status303SeeOther;
                http.Response.Headers.Location = earlier.Path;
            }
            return;
        }
        if (earlier.StatusCode is not { } status)
        {
            await Idempotency.ProblemAsync(http, StatusCodes.Status409Conflict, "RequestInProgress");
            return;
        }
        http.Response.StatusCode = status;
        http.Response.Headers[Idempotency.ReplayHeader] = "true";
        if (earlier.Location is not null) http.Response.Headers.Location = earlier.Location;
        if (earlier.ContentType is not null) http.Response.ContentType = earlier.ContentType;
        if (earlier.ResponseBody is { Length: > 0 } body)
        {
            http.Response.ContentLength = body.Length;
            await http.Response.Body.WriteAsync(body);
        }
    }

    private async Task RunAndKeepAsync(HttpContext http, IdempotentRequest row)
    {
        var original = http.Response.Body;
        var capture = new CapturingStream(original, Idempotency.MaxStoredBody);
        http.Response.Body = capture;
        Idempotency.Serving(http, row.Id);
        var ran = false;
        try
        {
            await next(http);
            ran = true;
        }
        finally
        {
            http.Response.Body = original;
            var status = http.Response.StatusCode;
            // A client that went away while the answer was written still had its change made: keep it, or its retry
            // would make it again.
            var done = status is >= 200 and < 400 && !http.Items.ContainsKey(Idempotency.NotDoneItem)
                && (ran || http.Response.HasStarted);
            // Bookkeeping must happen even when the phone hung up (that is the very case it is for).
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            try
            {
                // Whatever it answered, a request that committed changes keeps its key: running it again would repeat them.
                done = done || await db.Set<IdempotentRequest>().AnyAsync(r => r.Id == row.Id && r.AppliedAt != null, CancellationToken.None);
                if (done)
                {
                    var body = ran && !capture.Overflowed ? capture.Captured : null;
                    await db.Set<IdempotentRequest>().Where(r => r.Id == row.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.StatusCode, status)
                        .SetProperty(r => r.ContentType, Truncate(http.Response.ContentType, 200))
                        .SetProperty(r => r.Location, Truncate(http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, 2000))
                        .SetProperty(r => r.ResponseBody, body), CancellationToken.None);
                }
                else
                {
                    await db.Set<IdempotentRequest>().Where(r => r.Id == row.Id).ExecuteDeleteAsync(CancellationToken.None);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                // The answer itself stands; a key that could not be settled expires as abandoned.
                log.LogWarning(e, "Could not settle idempotency key {Key}", row.Key);
            }
        }
    }

    private async Task CleanUpAsync(AppDbContext db)
    {
        var now = clock.GetUtcNow();
        if (now - _lastCleanUp < TimeSpan.FromHours(1)) return;
        _lastCleanUp = now;
        var before = now - Idempotency.Lifetime;
        await db.Set<IdempotentRequest>().Where(r => r.CreatedAt < before).ExecuteDeleteAsync();
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    /// <summary>Passes the answer through to the client and keeps a copy of its first bytes.</summary>
    private sealed class CapturingStream(Stream inner, int limit) : Stream
    {
        private readonly MemoryStream _copy = new();

        public bool Overflowed { get; private set; }
        public byte[] Captured => _copy.ToArray();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (Overflowed) return;
            if (_copy.Length + bytes.Length > limit)
            {
                Overflowed = true;
                _copy.SetLength(0);
                return;
            }
            _copy.Write(bytes);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>
/// A page that shows its form again with errors answered 200 but changed nothing: its key is released so that the
/// corrected (or retried) submit runs.
/// </summary>
public sealed class IdempotencyPageFilter : IAsyncAlwaysRunResultFilter
{
    public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (!context.ModelState.IsValid) Idempotency.NothingDone(context.HttpContext);
        return next();
    }
}

public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string FormField = "__idempotency";
    public const string ReplayHeader = "Idempotent-Replay";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    /// <summary>A key still "running" after this long belongs to a request that died with its server.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);
    public const int MaxStoredBody = 256 * 1024;
    /// <summary>
    /// How long after its commit a request may still be writing its answer; an applied key without an answer older than this
    /// lost its answer with its server.
    /// </summary>
    public static readonly TimeSpan AnsweredWithin = TimeSpan.FromSeconds(30);
    internal static readonly object SeenItem = new();
    internal static readonly object NotDoneItem = new();
    private static readonly object RowItem = new();

    /// <summary>The key row of the request being served (set while it runs), if the client sent a key.</summary>
    public static long? RowOf(HttpContext http) => http.Items.TryGetValue(RowItem, out var id) ? (long?)id : null;

    public static bool IsUnsafe(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();

    internal static void Serving(HttpContext http, long rowId) => http.Items[RowItem] = rowId;

    /// <summary>Marks this request's answer as "nothing was done", so its key is not kept.</summary>
    public static void NothingDone(HttpContext http) => http.Items[NotDoneItem] = true;

    private static bool IsUrlEncodedForm(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    internal static async Task<string?> ReadKeyAsync(HttpRequest request)
    {
        var header = request.Headers[Header].ToString();
        if (!string.IsNullOrWhiteSpace(header)) return header.Trim();
        if (!IsUrlEncodedForm(request)) return null;
        // The form is read once and cached: anti-forgery and model binding read the same copy. Uploads (multipart)
        // are left alone, so that their endpoints' own size limits still apply when they read them.
        var form = await request.ReadFormAsync();
        var field = form[FormField].ToString();
        return string.IsNullOrWhiteSpace(field) ? null : field.Trim();
    }

    /// <summary>
    /// What makes two requests "the same": method, path, query and body. A posted form is compared by its fields without
    /// the anti-forgery token, which a phone may have to renew before its retry; any other body byte for byte.
    /// </summary>
    internal static async Task<string> HashAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\0"));
        Add(request.Method);
        Add(request.Path.Value ?? "");
        Add(request.QueryString.Value ?? "");
        if (IsUrlEncodedForm(request))
        {
            var form = await request.ReadFormAsync();
            foreach (var field in form.Where(f => f.Key is not FormField and not "__RequestVerificationToken").OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                Add(field.Key);
                foreach (var value in field.Value) Add(value ?? "");
            }
        }
        else
        {
            request.EnableBuffering();
            hash.AppendData(await SHA256.HashDataAsync(request.Body));
            request.Body.Position = 0;
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    internal static async Task ProblemAsync(HttpContext http, int status, string code, params object[] args)
    {
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<ErrorText>>();
        var details = new ProblemDetails { Status = status, Title = text[code, args].Value, Type = $"https://aftersales.example/errors/{code}" };
        details.Extensions["code"] = code;
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details }))
            await http.Response.WriteAsJsonAsync(details, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    /// <summary>Documents the optional header on every state-changing operation of the API.</summary>
    public static Task DocumentHeader(OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context, CancellationToken _)
    {
        if (context.Description.HttpMethod is { } method && IsUnsafe(method))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Optional. A unique value (e.g. a UUID) per intended change; a retry with the same key answers "
                    + "the first result (header Idempotent-Replay: true) instead of doing the change twice. Kept 24 h.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotentRequest.MaxKeyLength },
            });
        }
        return Task.CompletedTask;
    }
}
