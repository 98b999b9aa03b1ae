using AfterSales.Data;
using AfterSales.Features.Admin;
using AfterSales.Features.Assessment;
using AfterSales.Features.Attendance;
using AfterSales.Features.Customers;
using AfterSales.Features.Equipment;
using AfterSales.Features.Fees;
using AfterSales.Features.Identity;
using AfterSales.Features.Import;
using AfterSales.Features.Outbox;
using AfterSales.Features.People;
using AfterSales.Features.Products;
using AfterSales.Features.Callbacks;
using AfterSales.Features.Records;
using AfterSales.Features.Regions;
using AfterSales.Features.Schedule;
using AfterSales.Features.Support;
using AfterSales.Features.WorkOrders;
using AfterSales.Infrastructure;
using AfterSales.Infrastructure.CommandLine;

// One program: the web app, its API and the command line (./aftersales serve | migrate | seed-demo | audit …).
var commandLine = AppCommands.Parse(args);
var builder = WebApplication.CreateBuilder(commandLine.HostOptions());

builder.Services.AddDatabase(builder.Configuration);
builder.Services.AddAppLocalization();
builder.Services.AddAppIdentity();
builder.Services.AddWebInfrastructure();
builder.Services.AddRegions();
builder.Services.AddImport();
builder.Services.AddProducts();
builder.Services.AddEquipment();
builder.Services.AddCustomers();
builder.Services.AddStaff();
builder.Services.AddAdmin();
builder.Services.AddWorkOrders(builder.Configuration);
builder.Services.AddSchedule(builder.Configuration);
builder.Services.AddOutbox();
builder.Services.AddSupport();
builder.Services.AddCallbacks(builder.Configuration);
builder.Services.AddRecords(builder.Configuration);
builder.Services.AddFees();
builder.Services.AddAssessment();
builder.Services.AddAttendance();

var app = builder.Build();

app.UseWebInfrastructure();
app.MapWebInfrastructure();
app.MapIdentityEndpoints();
app.MapRegionsApi();
app.MapImportApi();
app.MapProductsApi();
app.MapEquipmentApi();
app.MapCustomersApi();
app.MapStaffApi();
app.MapAdminApi();
app.MapWorkOrdersApi();
app.MapScheduleApi();
app.MapOutboxApi();
app.MapSupportApi();
app.MapCallbacksApi();
app.MapRecordsApi();
app.MapFeesApi();
app.MapAssessmentApi();
app.MapAttendanceApi();

return await commandLine.InvokeAsync(app);
