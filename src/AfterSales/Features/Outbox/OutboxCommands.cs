using System.CommandLine;
using AfterSales.Data;

namespace AfterSales.Features.Outbox;

/// <summary><c>./aftersales outbox send</c>: send the due messages once (e.g. from cron when the app is not running).</summary>
public static class OutboxCommands
{
    public static Command Create(Func<WebApplication> app)
    {
        var outbox = new Command("outbox", "Messages owed to customers, stores and staff.");
        var send = new Command("send", "Send every message that is due now, once, and print how many were sent.");
        send.SetAction(async (_, ct) =>
        {
            await using var scope = app().Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "cli:outbox send";
            var sent = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().SendDueAsync(ct);
            Console.WriteLine($"Outbox: {sent} message(s) sent.");
            return 0;
        });
        outbox.Subcommands.Add(send);
        return outbox;
    }
}
