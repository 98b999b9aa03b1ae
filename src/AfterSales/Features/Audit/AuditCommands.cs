using System.CommandLine;

namespace AfterSales.Features.Audit;

/// <summary><c>./aftersales audit verify</c>: exit 0 when the chain is intact, 1 with the first broken link otherwise.</summary>
public static class AuditCommands
{
    public static Command Create(Func<WebApplication> app)
    {
        var audit = new Command("audit", "The audit trail of every change (SEC-3).");
        var verify = new Command("verify", "Recompute the hash chain and report the first altered or missing row.");
        verify.SetAction(async (_, ct) =>
        {
            await using var scope = app().Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync(ct);
            if (result.Intact)
            {
                Console.WriteLine($"Audit trail intact: {result.RowsChecked} rows verified.");
                return 0;
            }
            Console.WriteLine($"Audit trail BROKEN: {result.Describe()}. The {result.RowsChecked} rows before it are intact.");
            return 1;
        });
        audit.Subcommands.Add(verify);
        return audit;
    }
}
