using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Tests.Support;

namespace AfterSales.Tests.Features;

/// <summary>
/// Issue 12: while PostgreSQL is away (restarting, connections cut) the app says "unavailable, try again" — 503, which
/// the phones' queue keeps and resends — not 500, which the phone would show as refused.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Without_its_database_the_app_answers_503_and_health_is_unhealthy()
    {
        // Nothing listens on port 1: every connection is refused at once, as while PostgreSQL restarts.
        await using var app = new AppFactory(Db.Postgres, "Host=127.0.0.1;Port=1;Username=postgres;Database=gone;Timeout=3");
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var logIn = await client.PostAsJsonAsync("/api/auth/login", new { login = "tech01", password = "x" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, logIn.StatusCode);
        var problem = await logIn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("DatabaseUnavailable", "暂时无法连接数据库，请稍后重试。"), (problem.GetProperty("code").GetString(), problem.GetProperty("title").GetString()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_text_longer_than_its_column_that_no_rule_checked_is_a_400_not_a_500()
    {
        // Entities check their own limits (e.g. a stock item's code, found by sqlmap); this is the net under the ones
        // that do not: PostgreSQL's "value too long" (22001) is a refusal, not a server error. SQLite stores the text.
        await using var app = await TestApp.StartAsync(Db.Postgres, demo: false);
        var failure = await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => app.DbAsync(async db =>
        {
            db.Outbox.Add(new AfterSales.Domain.Messaging.OutboxMessage(AfterSales.Domain.Messaging.RecipientKind.Staff, "张伟", new string('1', 31), "test", "x", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }));
        var (status, code, _, _) = AfterSales.Infrastructure.DomainExceptionHandler.Classify(failure);
        Assert.Equal((400, "ValueTooLong"), (status ?? 0, code));
    }
}
