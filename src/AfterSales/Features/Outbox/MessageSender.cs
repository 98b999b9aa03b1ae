using System.Net.Http.Headers;
using AfterSales.Domain.Messaging;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Outbox;

/// <summary>Delivers one outbox message. Throwing means the attempt failed; the dispatcher records why and retries later.</summary>
public abstract class MessageSender
{
    public abstract Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The default: nothing leaves the building. The message counts as sent and is read on the outbox page; the log
/// says so, so a deployment without a gateway still shows what would have gone out.
/// </summary>
public sealed class RecordingSender(ILogger<RecordingSender> log) : MessageSender
{
    public override Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        log.LogInformation("Outbox message {Id} ({Topic}) to {Recipient} {Phone} recorded: {Body}",
            message.Id, message.Topic, message.RecipientName, message.Phone, message.Body);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Posts each message as JSON <c>{phone, body, topic, id}</c> to an SMS gateway (<c>Outbox:Http:Url</c>), with a
/// bearer token when <c>Outbox:Http:Token</c> is set. Any answer other than 2xx is a failed attempt.
/// </summary>
public sealed class HttpSender(HttpClient http, IOptions<OutboxOptions> options) : MessageSender
{
    public sealed record Payload(string Phone, string Body, string Topic, int Id);

    public override async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.Http;
        if (string.IsNullOrWhiteSpace(settings.Url)) throw new InvalidOperationException("Outbox:Http:Url is not configured.");
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url)
        {
            Content = JsonContent.Create(new Payload(message.Phone, message.Body, message.Topic, message.Id)),
        };
        if (!string.IsNullOrEmpty(settings.Token)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"Gateway answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(answer)}",
                null, response.StatusCode);
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] : text;
}
