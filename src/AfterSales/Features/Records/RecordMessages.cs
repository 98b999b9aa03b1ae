using System.Globalization;
using System.Resources;
using AfterSales.Data;
using AfterSales.Domain.Messaging;
using AfterSales.Domain.Records;
using AfterSales.Infrastructure;

namespace AfterSales.Features.Records;

/// <summary>
/// The links a record sends to the customer's phone, through the outbox in the same save. Customers read Chinese,
/// so messages are composed in zh-CN whatever the sender's page language.
/// </summary>
public sealed class RecordMessages(AppDbContext db, TimeProvider clock, LocalTime local)
{
    private static readonly ResourceManager Texts = new(typeof(RecordsText));
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public void SigningLink(ServiceRecord record, string url, DateTimeOffset expiresAt) =>
        ToCustomer(record, "RecordSigningLink", Text("Sms.SigningLink", record.CustomerName, record.Number, url, Until(expiresAt)));

    public void SurveyLink(ServiceRecord record, string url, DateTimeOffset expiresAt) =>
        ToCustomer(record, "RecordSurveyLink", Text("Sms.SurveyLink", record.CustomerName, record.Number, url, Until(expiresAt)));

    private string Until(DateTimeOffset at) => local.ToLocal(at).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    private void ToCustomer(ServiceRecord record, string topic, string body) =>
        db.Outbox.Add(new OutboxMessage(RecipientKind.Customer, record.CustomerName, record.CustomerPhone, topic, body, clock.GetUtcNow(),
            "ServiceRecord", record.Id));

    private static string Text(string key, params object[] args) =>
        string.Format(Chinese, Texts.GetString(key, Chinese) ?? key, args);
}
