using Microsoft.Extensions.Options;

namespace AfterSales.Features.Outbox;

public static class OutboxSetup
{
    /// <summary>The dispatcher, its background worker and the sender named by <c>Outbox:Sender</c> (Record or Http).</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        services.AddSingleton<RecordingSender>();
        services.AddHttpClient<HttpSender>((sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<OutboxOptions>>().Value.Http.TimeoutSeconds)));
        services.AddScoped<MessageSender>(sp => sp.GetRequiredService<IOptions<OutboxOptions>>().Value.Sender switch
        {
            SenderKind.Http => sp.GetRequiredService<HttpSender>(),
            _ => sp.GetRequiredService<RecordingSender>(),
        });
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<OutboxService>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
